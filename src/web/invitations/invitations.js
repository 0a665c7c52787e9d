// Invitations by e-mail: HR (pulse) or an admin (customer) sends each address its own single-use link.
// URL: /invitations/#key=<api key>. Calls: POST /sendInvitations, then GET /getInvitationBatch until
// nothing is pending. The page never sees a link: the system e-mails them (locally: the mailbox).

import {h, add, clear, surfaceErrors} from '/assets/dom.js';
import {pick, mountSwitch, onLangChange} from '/assets/i18n.js';
import {call, ApiError, getKey, setKey} from '/assets/api.js';

const T = {
  title: {en: 'Invitations by e-mail', fr: 'Invitations par e-mail'},
  intro: {
    en: 'Each address gets its own single-use link, in its e-mail only: nobody, you included, sees the links.',
    fr: 'Chaque adresse reçoit son propre lien à usage unique, dans son e-mail seulement : personne, vous compris, ne voit les liens.',
  },
  key: {en: 'API key (hr or admin)', fr: 'Clé d’API (hr ou admin)'},
  unit: {en: 'Unit id', fr: 'Identifiant de l’unité'},
  kind: {en: 'Who is invited', fr: 'Qui est invité'},
  pulse: {en: 'Employees (pulse)', fr: 'Salariés (baromètre)'},
  customer: {en: 'Customers', fr: 'Clients'},
  campaign: {en: 'Campaign id (pulse: from startPulseCampaign)', fr: 'Identifiant de campagne (baromètre : startPulseCampaign)'},
  language: {en: 'Language of the e-mails', fr: 'Langue des e-mails'},
  days: {en: 'Links valid for (days)', fr: 'Liens valables (jours)'},
  emails: {en: 'Addresses, one per line (at most 1,000)', fr: 'Adresses, une par ligne (1 000 au plus)'},
  send: {en: 'Send the invitations', fr: 'Envoyer les invitations'},
  queued: {en: 'Batch {id}: {n} invitations queued.', fr: 'Lot {id} : {n} invitations en file.'},
  status: {
    en: '{sent} sent, {pending} pending, {failed} failed, {skipped} skipped (already invited).',
    fr: '{sent} envoyées, {pending} en attente, {failed} en échec, {skipped} ignorées (déjà invitées).',
  },
  notSent: {en: 'Not sent', fr: 'Non envoyées'},
  place: {en: 'Line', fr: 'Ligne'},
  address: {en: 'Address (masked)', fr: 'Adresse (masquée)'},
  reason: {en: 'Why', fr: 'Pourquoi'},
  error: {en: 'Refused:', fr: 'Refusé :'},
  jsError: {en: 'Something went wrong on this page:', fr: 'Un problème est survenu sur cette page :'},
};

function tr(k, vars) {
  let s = pick(T[k]);
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, v) => (v in vars ? String(vars[v]) : m));
  return s;
}

surfaceErrors(() => tr('jsError'));
mountSwitch(document.getElementById('lang'));

let key = getKey();
let batch = null;   // the queued answer
let report = null;  // the last getInvitationBatch
let failure = null;
let values = {unitId: '', kind: 'pulse', campaignId: '', language: 'fr', expiresInDays: '30', emails: ''};

function field(id, label, input) {
  return h('div', {class: 'field'}, h('label', {for: id, text: label}), input);
}

function render() {
  const page = clear(document.getElementById('page'));
  document.title = 'Symmetry — ' + tr('title');
  add(page, h('h1', {text: tr('title')}), h('p', {class: 'muted', text: tr('intro')}));
  const keyInput = h('input', {type: 'password', id: 'apikey', autocomplete: 'off', value: key});
  const unit = h('input', {type: 'text', id: 'unitId', required: 'required', value: values.unitId});
  const kind = h('select', {id: 'kind'},
    h('option', {value: 'pulse', text: tr('pulse')}), h('option', {value: 'customer', text: tr('customer')}));
  kind.value = values.kind;
  const campaign = h('input', {type: 'text', id: 'campaignId', value: values.campaignId});
  const language = h('select', {id: 'language'},
    h('option', {value: 'fr', text: 'Français'}), h('option', {value: 'en', text: 'English'}));
  language.value = values.language;
  const days = h('input', {type: 'number', id: 'expiresInDays', min: '1', max: '366', value: values.expiresInDays});
  const emails = h('textarea', {id: 'emails', rows: '8', required: 'required'});
  emails.value = values.emails;
  const form = h('form', {class: 'card', id: 'invite'},
    field('apikey', tr('key'), keyInput), field('unitId', tr('unit'), unit), field('kind', tr('kind'), kind),
    field('campaignId', tr('campaign'), campaign), field('language', tr('language'), language),
    field('expiresInDays', tr('days'), days), field('emails', tr('emails'), emails),
    h('button', {type: 'submit', class: 'btn', id: 'send', text: tr('send')}));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    values = {unitId: unit.value.trim(), kind: kind.value, campaignId: campaign.value.trim(),
      language: language.value, expiresInDays: days.value, emails: emails.value};
    key = keyInput.value.trim();
    setKey(key);
    const body = {unitId: values.unitId, kind: values.kind, language: values.language,
      expiresInDays: Number(values.expiresInDays) || 30,
      emails: values.emails.split(/[\s,;]+/).map((a) => a.trim()).filter((a) => a)};
    if (values.kind === 'pulse') body.campaignId = values.campaignId;
    failure = null; batch = null; report = null;
    try {
      batch = await call('sendInvitations', {body, key});
      poll();
    } catch (err) {
      failure = err;
    }
    render();
  });
  add(page, form);
  const out = h('div', {id: 'result', 'aria-live': 'polite'});
  if (failure) {
    const f = failure instanceof ApiError ? failure : new ApiError({message: String(failure)});
    add(out, h('p', {class: 'banner banner-error', role: 'alert'},
      h('strong', {text: tr('error')}), ' ', (f.field ? f.field + ': ' : '') + (f.message || f.code)));
  }
  if (batch) {
    add(out, h('p', {class: 'banner banner-ok', id: 'queued', text: tr('queued', {id: batch.batchId, n: batch.queued})}));
  }
  if (report) {
    add(out, h('p', {id: 'status', text: tr('status', report)}));
    if (report.notSent && report.notSent.length) {
      add(out, h('h2', {text: tr('notSent')}), h('table', {id: 'not-sent'},
        h('thead', {}, h('tr', {}, h('th', {text: tr('place')}), h('th', {text: tr('address')}), h('th', {text: tr('reason')}))),
        h('tbody', {}, ...report.notSent.map((n) =>
          h('tr', {}, h('td', {text: String(n.index + 1)}), h('td', {text: n.address}), h('td', {text: n.reason}))))));
    }
  }
  add(page, out);
}

async function poll() {
  if (!batch) return;
  try {
    report = await call('getInvitationBatch', {query: {batchId: batch.batchId}, key});
    render();
    if (report.pending > 0) setTimeout(poll, 1500);
  } catch (err) {
    failure = err;
    render();
  }
}

onLangChange(render);
render();

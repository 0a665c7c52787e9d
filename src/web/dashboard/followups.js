// The follow-up list of the dashboard: detractors who asked to be contacted, for the scope shown.
// Calls (header x-api-key): GET /listFollowUps?scope&id&status&limit&cursor, POST /updateFollowUp.
// Admins and viewers read and move follow-ups (a viewer within its scope); other keys get 403 and the
// panel says so without logging the dashboard out. Everything a customer wrote is shown as text.

import {h, add, clear} from '/assets/dom.js';
import {t, getLang} from '/assets/i18n.js';
import {call, ApiError} from '/assets/api.js';

const PAGE = 25;
const NEXT = {open: ['contacted', 'closed'], contacted: ['closed'], closed: []};

let current = null; // {root, key, scope, id, units, status, items, cursor}

function when(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso || '')
    : new Intl.DateTimeFormat(getLang(), {dateStyle: 'medium', timeStyle: 'short'}).format(d);
}

function unitName(id) {
  const u = current.units.find((x) => x.id === id);
  return u ? u.name : id;
}

function errorText(err) {
  if (!(err instanceof ApiError)) return String(err && err.message || err);
  if (err.code === 'network' || err.status >= 500) return t('err.unavailable');
  const k = 'fu.err.' + err.code;
  const txt = t(k);
  return txt === k ? t('err.http', {status: err.status}) : txt;
}

/** Shows the follow-ups of one scope ('org' with no id, 'region' or 'unit') in root. */
export async function showFollowUps(root, {key, scope, id, units}) {
  current = {root, key, scope, id: scope === 'org' ? null : id, units: units || [], status: current ? current.status : '', items: [], cursor: null};
  await load(false);
}

async function load(more) {
  const c = current;
  try {
    const res = await call('listFollowUps', {key: c.key, query: {scope: c.scope, id: c.id, status: c.status, limit: PAGE, cursor: more ? c.cursor : undefined}});
    if (c !== current) return;
    c.items = (more ? c.items : []).concat(Array.isArray(res.items) ? res.items : []);
    c.cursor = res.cursor || null;
    render();
  } catch (err) {
    if (c !== current) return;
    const box = clear(c.root);
    if (err instanceof ApiError && err.status === 403) {
      add(box, h('h2', {id: 'followups-title', text: t('fu.title')}), h('p', {class: 'muted', text: t('fu.notForThisKey')}));
      return;
    }
    add(box, h('h2', {id: 'followups-title', text: t('fu.title')}),
      h('p', {class: 'banner banner-error', role: 'alert', text: errorText(err)}));
  }
}

async function move(item, status, note, msg) {
  clear(msg);
  try {
    const body = {followUpId: item.followUpId, status};
    if (note) body.note = note;
    const updated = await call('updateFollowUp', {key: current.key, body});
    Object.assign(item, updated);
    if (!updated.contactEmail) delete item.contactEmail;
    render();
  } catch (err) {
    add(msg, h('span', {class: 'field-error', role: 'alert', text: errorText(err)}));
  }
}

function row(item) {
  const note = h('input', {type: 'text', maxlength: '500', 'aria-label': t('fu.note'), placeholder: t('fu.note'), class: 'fu-note'});
  const msg = h('span', {class: 'fu-msg', 'aria-live': 'polite'});
  const actions = NEXT[item.status] || [];
  return h('li', {class: 'card fu-item', dataset: {followUpId: item.followUpId, status: item.status}},
    h('p', {class: 'fu-head'},
      h('strong', {text: unitName(item.unitId)}), ' · ',
      h('span', {text: when(item.receivedAt)}), ' · ',
      h('span', {class: 'fu-score', text: t('fu.score', {n: item.recommend})}), ' · ',
      h('span', {class: 'fu-status fu-' + item.status, text: t('fu.status.' + item.status)}),
      item.notified ? h('span', {class: 'muted small', text: ' · ' + t('fu.notified')}) : null),
    item.comment ? h('blockquote', {class: 'fu-comment', text: item.comment}) : null,
    item.contactEmail
      ? h('p', {class: 'fu-contact'}, t('fu.contact'), ' ', h('a', {href: 'mailto:' + item.contactEmail, text: item.contactEmail}))
      : h('p', {class: 'muted small', text: t('fu.noContact')}),
    item.note ? h('p', {class: 'fu-saved-note'}, h('em', {text: t('fu.lastNote') + ' '}), item.note) : null,
    actions.length
      ? h('div', {class: 'fu-actions'}, note,
        actions.map((next) => h('button', {type: 'button', class: 'btn secondary', dataset: {to: next},
          text: t('fu.to.' + next), onclick: () => move(item, next, note.value.trim(), msg)})), msg)
      : null);
}

function render() {
  const c = current;
  const box = clear(c.root);
  const filter = h('select', {id: 'fu-status', 'aria-label': t('fu.filter')},
    ['', 'open', 'contacted', 'closed'].map((v) => h('option', {value: v, text: v ? t('fu.status.' + v) : t('fu.all')})));
  filter.value = c.status;
  filter.addEventListener('change', () => { c.status = filter.value; load(false); });
  add(box,
    h('h2', {id: 'followups-title', text: t('fu.title')}),
    h('p', {class: 'muted small', text: t('fu.intro')}),
    h('p', {}, h('label', {for: 'fu-status', text: t('fu.filter') + ' '}), filter),
    c.items.length
      ? h('ul', {class: 'fu-list', id: 'followups-list'}, c.items.map(row))
      : h('p', {class: 'muted', text: t('fu.none')}),
    c.cursor ? h('button', {type: 'button', class: 'btn secondary', text: t('fu.more'), onclick: () => load(true)}) : null);
}

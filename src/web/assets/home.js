// Start page of the local run.
// URL: /  or  /#key=<api key>  (the key is then kept in sessionStorage and removed from the address)
// Calls (only with a key): GET /listUnits, POST /issueUnitCode {unitId, kind} for the first unit
// (customer and pulse; cached for the tab so reloading does not issue new codes).

import {h, add, clear, surfaceErrors} from '/assets/dom.js';
import {t, applyStatic, mountSwitch, onLangChange} from '/assets/i18n.js';
import {call, ApiError, getKey, setKey} from '/assets/api.js';

surfaceErrors(() => t('js.error'));
applyStatic(document);
mountSwitch(document.getElementById('lang'));

const $ = (id) => document.getElementById(id);
const CACHE = 'symmetry.demoCodes';
let key = getKey();
let units = null;      // listUnits answer
let codes = null;      // {customer: {token, url, qrSvg}, pulse: {…}}
let failure = null;    // an error to show
let qrUrl = null;

function errorText(err) {
  if (!(err instanceof ApiError)) return String(err && err.message || err);
  if (err.code === 'network' || err.status >= 500) return t('err.unavailable');
  const k = 'err.' + err.code;
  const txt = t(k);
  return txt === k ? t('err.http', {status: err.status}) : txt;
}

/** The form link for a code: the backend's url when it is a plain http(s) address, else built here. */
function formHref(code) {
  if (code && typeof code.url === 'string') {
    try {
      const u = new URL(code.url, location.href);
      if (u.protocol === 'http:' || u.protocol === 'https:') return u.origin === location.origin ? u.pathname + u.search + u.hash : u.href;
    } catch { /* fall through */ }
  }
  return '/form/#t=' + encodeURIComponent(code.token);
}

function renderKeyBox() {
  const box = clear($('keybox'));
  if (key) {
    add(box, h('p', {class: 'small muted'}, t('key.known'), ' ',
      h('button', {type: 'button', class: 'linkish', text: t('key.forget'),
        onclick: () => { setKey(''); try { sessionStorage.removeItem(CACHE); } catch { /* */ } location.reload(); }})));
    return;
  }
  const input = h('input', {type: 'password', id: 'apikey', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'apikey-hint'});
  const form = h('form', {class: 'keyform card'},
    h('p', {text: t('home.needKey')}),
    h('div', {class: 'field'}, h('label', {for: 'apikey', text: t('key.label')}), input,
      h('p', {class: 'hint', id: 'apikey-hint', text: t('key.hint')})),
    h('button', {type: 'submit', class: 'btn', text: t('key.submit')}));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!input.value.trim()) { input.focus(); return; }
    key = input.value.trim(); setKey(key); failure = null; load();
  });
  add(box, form);
}

function renderDemo() {
  const box = clear($('demo'));
  if (failure) {
    add(box, h('div', {class: 'banner banner-error', role: 'alert'},
      h('strong', {text: failure.code === 'unauthenticated' || failure.status === 401 || failure.status === 403 ? t('key.refused') : t('home.issueFailed')}),
      ' ', errorText(failure)));
    return;
  }
  if (!key) return;
  if (!codes) { add(box, h('p', {class: 'muted', role: 'status', text: t('home.issuing')})); return; }
  const first = units && units.items && units.items[0];
  const unitHint = first ? t('home.forUnit', {unit: first.name || first.id}) : '';
  const list = h('ul', {class: 'links'});
  for (const kind of ['customer', 'pulse']) {
    if (!codes[kind]) continue;
    add(list, h('li', {}, h('a', {href: formHref(codes[kind])},
      h('span', {text: t(kind === 'customer' ? 'home.customerForm' : 'home.pulseForm')}),
      h('span', {class: 'hint', text: unitHint}))));
  }
  add(box, list);
  if (codes.customer && typeof codes.customer.qrSvg === 'string' && codes.customer.qrSvg.startsWith('<svg')) {
    // shown through <img>: an SVG loaded as an image runs no script and loads nothing
    if (!qrUrl) qrUrl = URL.createObjectURL(new Blob([codes.customer.qrSvg], {type: 'image/svg+xml'}));
    add(box, h('p', {}, h('img', {class: 'qr', src: qrUrl, alt: t('home.qrAlt', {unit: first ? first.name || first.id : ''})})));
  }
}

function renderPosters() {
  const box = clear($('posters'));
  if (!units || !Array.isArray(units.items)) { add(box, h('p', {class: 'muted', text: t('home.postersNeedKey')})); return; }
  add(box, h('ul', {class: 'links'}, units.items.map((u) => h('li', {},
    h('a', {href: '/posters/' + encodeURIComponent(u.id) + '.svg'},
      h('span', {text: t('home.poster', {unit: u.name || u.id})}),
      h('span', {class: 'hint', text: '/posters/' + u.id + '.svg'}))))));
}

function render() { renderKeyBox(); renderDemo(); renderPosters(); }

async function load() {
  render();
  if (!key) return;
  try {
    units = await call('listUnits', {key});
    renderPosters();
    const first = units.items && units.items[0];
    if (!first) return;
    try {
      const cached = JSON.parse(sessionStorage.getItem(CACHE) || 'null');
      if (cached && cached.unitId === first.id) codes = cached.codes;
    } catch { /* no cache */ }
    if (!codes) {
      renderDemo();
      const [customer, pulse] = await Promise.all(['customer', 'pulse'].map((kind) => call('issueUnitCode', {key, body: {unitId: first.id, kind}})));
      codes = {customer, pulse};
      try { sessionStorage.setItem(CACHE, JSON.stringify({unitId: first.id, codes})); } catch { /* */ }
    }
  } catch (err) {
    failure = err;
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) { key = ''; setKey(''); }
  }
  render();
}

onLangChange(render);
load();

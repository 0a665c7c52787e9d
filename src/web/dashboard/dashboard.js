// The manager's dashboard: customer vs employee per scope and period, read from the snapshot API.
// URL: /dashboard/#key=<api key>  (or type the key; it is kept in sessionStorage for the tab)
// Calls (header x-api-key): GET /listUnits, GET /listSnapshots?scope&id&periodType&limit,
//   GET /getSnapshot?scope&id&period (when a listed item has no figures),
//   GET /listSnapshots?scope=units&period=… (the scatter of units, organisation and region scopes),
//   GET /listComments?scope&id&period&limit&cursor (customers' comments, shown as text only);
//   the follow-ups of the scope shown (followups.js).

import {h, s, add, clear, surfaceErrors} from '/assets/dom.js';
import {t, getLang, mountSwitch, applyStatic, onLangChange, num, signed} from '/assets/i18n.js';
import {call, ApiError, getKey, setKey} from '/assets/api.js';
import {commentItem} from '/assets/comments.js';
import {showFollowUps} from '/dashboard/followups.js';

surfaceErrors(() => t('js.error'));
applyStatic(document);
mountSwitch(document.getElementById('lang'));

const $ = (id) => document.getElementById(id);
const KNOWN_DIMS = ['listening', 'ownership', 'information', 'recognition', 'cooperation'];
const TREND_LIMIT = 12;

let key = getKey();
const st = {
  org: null, units: [], regions: [],
  scope: null,            // 'org:demo' | 'region:ile-de-france' | 'unit:paris-opera'
  periodType: 'MONTH',
  period: null,
  items: [],              // snapshots of the scope, oldest first
  unitsByPeriod: new Map(), // period -> unit snapshots (for the scatter)
};

// ---------- formatting ----------

function periodLabel(p, short = false) {
  const [type, v] = String(p || '').split(':');
  const lang = getLang();
  if (type === 'MONTH' && /^\d{4}-\d{2}$/.test(v)) {
    const [y, m] = v.split('-').map(Number);
    return new Intl.DateTimeFormat(lang, short ? {month: 'short', timeZone: 'UTC'} : {month: 'long', year: 'numeric', timeZone: 'UTC'}).format(new Date(Date.UTC(y, m - 1, 1)));
  }
  if (type === 'WEEK' && /^\d{4}-W\d{2}$/.test(v)) {
    const [y, w] = v.split('-W');
    return short ? (lang === 'fr' ? 'S' : 'W') + Number(w) : t('dash.weekLabel', {w: Number(w), y});
  }
  if (type === 'DAY' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split('-').map(Number);
    return new Intl.DateTimeFormat(lang, short ? {day: 'numeric', month: 'numeric', timeZone: 'UTC'} : {dateStyle: 'medium', timeZone: 'UTC'}).format(new Date(Date.UTC(y, m - 1, d)));
  }
  return String(p || '');
}

const dimLabel = (id) => (KNOWN_DIMS.includes(id) ? t('dim.' + id) : id);
const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

function scopeParts(v = st.scope) {
  const i = String(v).indexOf(':');
  return {scope: v.slice(0, i), id: v.slice(i + 1)};
}

function scopeName(v = st.scope) {
  const {scope, id} = scopeParts(v);
  if (scope === 'org') return (st.org && st.org.name) || id;
  if (scope === 'unit') { const u = st.units.find((x) => x.id === id); return u ? u.name : id; }
  return id;
}

function errorText(err) {
  if (!(err instanceof ApiError)) return String(err && err.message || err);
  if (err.code === 'network' || err.status >= 500) return t('err.unavailable');
  const k = 'err.' + err.code;
  const txt = t(k);
  return txt === k ? t('err.http', {status: err.status}) : txt;
}

function trendText(snap, k) {
  const d = snap.trend && snap.trend[k];
  if (!isNum(d)) return null;
  const icon = d > 0 ? '▲' : d < 0 ? '▼' : '=';
  return h('p', {class: 'trendline'}, h('span', {'aria-hidden': 'true', text: icon + ' '}), t('dash.trendSince', {d: signed(d)}));
}

// ---------- key ----------

function renderKeyBox(refused = false) {
  const box = clear($('keybox'));
  if (key && !refused) {
    add(box, h('p', {class: 'small muted'}, t('key.known'), ' ',
      h('button', {type: 'button', class: 'linkish', text: t('key.forget'), onclick: () => { key = ''; setKey(''); location.reload(); }})));
    return;
  }
  const input = h('input', {type: 'password', id: 'apikey', name: 'apikey', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'apikey-hint'});
  const form = h('form', {class: 'keyform card'},
    refused ? h('p', {class: 'banner banner-error', role: 'alert', text: t('key.refused')}) : h('p', {text: t('dash.needKey')}),
    h('div', {class: 'field'}, h('label', {for: 'apikey', text: t('key.label')}), input,
      h('p', {class: 'hint', id: 'apikey-hint', text: t('key.hint')})),
    h('button', {type: 'submit', class: 'btn', text: t('key.submit')}));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = input.value.trim();
    if (!v) { input.focus(); return; }
    key = v; setKey(v);
    start();
  });
  add(box, form);
  $('pickers').hidden = true;
  clear($('content'));
  input.focus();
}

async function api(name, query) {
  try {
    return await call(name, {query, key});
  } catch (err) {
    if (err instanceof ApiError && (err.code === 'unauthenticated' || err.status === 401 || err.status === 403)) {
      renderKeyBox(true);
      throw Object.assign(err, {handled: true});
    }
    throw err;
  }
}

function showMessage(err, retry) {
  const box = clear($('msg'));
  if (!err) return;
  if (err.handled) return;
  add(box, h('div', {class: 'banner banner-error', role: 'alert'},
    h('p', {}, h('strong', {text: t('dash.loadFailed')}), ' ', errorText(err)),
    retry ? h('button', {type: 'button', class: 'btn secondary', text: t('common.retry'), onclick: retry}) : null));
}

// ---------- loading ----------

async function start() {
  renderKeyBox();
  if (!key) { renderKeyBox(); return; }
  add(clear($('msg')), h('p', {class: 'muted', role: 'status', text: t('common.loading')}));
  try {
    const res = await api('listUnits');
    st.org = res.organisation || null;
    st.units = Array.isArray(res.items) ? res.items : [];
    // a smoke unit (docs/deploy.md) is in no region's figures: its region is no scope
    st.regions = [...new Set(st.units.filter((u) => !u.smoke).map((u) => u.region).filter(Boolean))].sort();
    if (!st.scope) st.scope = st.org ? 'org:' + st.org.id : (st.units[0] ? 'unit:' + st.units[0].id : null);
    clear($('msg'));
    renderPickers();
    await loadSeries();
  } catch (err) {
    showMessage(err, start);
  }
}

async function loadSeries() {
  if (!st.scope) return;
  const {scope, id} = scopeParts();
  clear($('content')).append(h('p', {class: 'muted', role: 'status', text: t('common.loading')}));
  try {
    let items = [];
    try {
      const res = await api('listSnapshots', {scope, id, periodType: st.periodType, limit: TREND_LIMIT});
      items = Array.isArray(res.items) ? res.items : [];
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'not_found')) throw err;
    }
    st.items = items.filter((x) => x && x.period).sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
    const periods = st.items.map((x) => x.period);
    // Open on the latest period whose employee side is published, if any: the mirror is the point.
    const mirrored = st.items.filter((x) => x.employee && x.employee.suppressed === false).map((x) => x.period);
    if (!periods.includes(st.period)) st.period = mirrored[mirrored.length - 1] || periods[periods.length - 1] || null;
    clear($('msg'));
    renderPickers();
    await renderSnapshot();
    showFollowUps($('followups'), {key, scope, id, units: st.units});
  } catch (err) {
    clear($('content'));
    showMessage(err, loadSeries);
  }
}

async function currentSnapshot() {
  const item = st.items.find((x) => x.period === st.period);
  if (!item) return null;
  if (item.customer || item.employee) return item;
  const {scope, id} = scopeParts();
  const full = await api('getSnapshot', {scope, id, period: st.period});
  Object.assign(item, full);
  return item;
}

async function unitSnapshots(period) {
  if (st.unitsByPeriod.has(period)) return st.unitsByPeriod.get(period);
  const all = [];
  let cursor;
  for (let page = 0; page < 20; page++) {
    const res = await api('listSnapshots', {scope: 'units', period, cursor});
    if (Array.isArray(res.items)) all.push(...res.items);
    cursor = res.cursor;
    if (!cursor) break;
  }
  st.unitsByPeriod.set(period, all);
  return all;
}

// ---------- pickers ----------

function renderPickers() {
  const form = clear($('pickers'));
  form.hidden = false;
  const scopeSel = h('select', {id: 'scope', name: 'scope'});
  if (st.org) add(scopeSel, h('optgroup', {label: t('dash.org')}, h('option', {value: 'org:' + st.org.id, text: st.org.name || st.org.id})));
  if (st.regions.length) add(scopeSel, h('optgroup', {label: t('dash.regions')}, st.regions.map((r) => h('option', {value: 'region:' + r, text: r}))));
  if (st.units.length) add(scopeSel, h('optgroup', {label: t('dash.units')}, st.units.map((u) => h('option', {value: 'unit:' + u.id, text: u.name || u.id}))));
  scopeSel.value = st.scope;
  scopeSel.addEventListener('change', () => { st.scope = scopeSel.value; loadSeries(); });

  const typeSel = h('select', {id: 'ptype', name: 'ptype'}, ['DAY', 'WEEK', 'MONTH'].map((p) => h('option', {value: p, text: t('dash.' + p)})));
  typeSel.value = st.periodType;
  typeSel.addEventListener('change', () => { st.periodType = typeSel.value; st.period = null; loadSeries(); });

  const periodSel = h('select', {id: 'period', name: 'period', disabled: !st.items.length},
    [...st.items].reverse().map((x) => h('option', {value: x.period, text: periodLabel(x.period)})));
  if (st.period) periodSel.value = st.period;
  periodSel.addEventListener('change', () => { st.period = periodSel.value; renderSnapshot(); });

  add(form, 
    h('div', {class: 'field'}, h('label', {for: 'scope', text: t('dash.scope')}), scopeSel),
    h('div', {class: 'field'}, h('label', {for: 'ptype', text: t('dash.periodType')}), typeSel),
    h('div', {class: 'field'}, h('label', {for: 'period', text: t('dash.period')}), periodSel));
  form.onsubmit = (e) => e.preventDefault();
}

// ---------- the snapshot ----------

let renderSeq = 0;
async function renderSnapshot() {
  const seq = ++renderSeq;
  const content = $('content');
  if (!st.period) {
    add(clear(content), h('div', {class: 'card state'},
      h('p', {class: 'icon', 'aria-hidden': 'true', text: '∅'}),
      h('h2', {text: t('dash.empty')}),
      h('p', {class: 'muted', text: t('dash.emptyHint')})));
    return;
  }
  let snap;
  try {
    snap = await currentSnapshot();
  } catch (err) {
    if (err instanceof ApiError && err.code === 'not_found') snap = null;
    else { clear(content); showMessage(err, renderSnapshot); return; }
  }
  if (seq !== renderSeq) return;
  if (!snap) { st.period = null; renderSnapshot(); return; }
  const c = snap.customer || {};
  const e = snap.employee || {suppressed: true};
  const {scope} = scopeParts();
  clear(content);

  add(content, h('h2', {}, scopeName(), ' — ', periodLabel(snap.period)));
  if (snap.computedAt) {
    const when = new Date(snap.computedAt);
    add(content, h('p', {class: 'small muted', text: t('dash.computedAt', {
      t: isNaN(when) ? snap.computedAt : new Intl.DateTimeFormat(getLang(), {dateStyle: 'medium', timeStyle: 'short'}).format(when),
      v: snap.methodVersion ?? '?'})}));
  }

  const gaps = snap.gaps && typeof snap.gaps === 'object' ? snap.gaps : {};
  const negatives = Object.entries(gaps).filter(([, g]) => isNum(g) && g < 0);
  if (negatives.length) {
    add(content, h('div', {class: 'banner banner-error', role: 'note'},
      h('span', {'aria-hidden': 'true', text: '▼ '}),
      h('strong', {text: t('dash.negativeCount', {n: negatives.length})}), ' ',
      negatives.map(([d]) => dimLabel(d)).join(', ')));
  }

  // headline cards
  add(content, h('div', {class: 'cards four'},
    sideCard(snap, 'c', c),
    sideCard(snap, 'e', e),
    h('div', {class: 'card'},
      h('p', {class: 'side-label', text: t('dash.symmetry')}),
      isNum(snap.symmetry) ? h('p', {class: 'fig'}, num(snap.symmetry), h('small', {text: ' / 100'})) : h('p', {class: 'muted', text: t('dash.noSymmetry')}),
      h('p', {class: 'small muted', text: t('dash.symmetryHint')}),
      trendText(snap, 'symmetry'))));

  add(content, dimensionsSection(c, e, gaps));
  add(content, trendSection());
  if (scope === 'org' || scope === 'region') {
    const sec = h('section', {'aria-labelledby': 'corr-h'}, h('h2', {id: 'corr-h', text: t('dash.correlation')}));
    add(content, sec);
    add(sec, correlationBlock(snap.correlation));
    const holder = h('div', {}, h('p', {class: 'muted', role: 'status', text: t('common.loading')}));
    add(sec, holder);
    try {
      const list = await unitSnapshots(snap.period);
      if (seq !== renderSeq) return;
      const {id} = scopeParts();
      const pooled = list.filter((u) => { const unit = st.units.find((x) => x.id === u.id); return !(unit && unit.smoke); });
      const mine = scope === 'region' ? pooled.filter((u) => { const unit = st.units.find((x) => x.id === u.id); return unit && unit.region === id; }) : pooled;
      add(clear(holder), scatterBlock(mine));
    } catch (err) {
      if (seq !== renderSeq) return;
      add(clear(holder), h('p', {class: 'banner banner-error', role: 'alert'}, errorText(err)));
    }
  }
  add(content, commentsPanel(snap.period, seq));
}

function suppressedText(side) {
  const k = side.minimumGroupSize || 5;
  const reason = side.reason && ['small_group', 'complementary', 'open_period', 'period_type'].includes(side.reason) ? '.' + side.reason : '';
  return t('dash.suppressed' + reason, {k});
}

function sideCard(snap, which, side) {
  const emp = which === 'e';
  const prefix = emp ? 'employee' : 'customer';
  const card = h('div', {class: 'card side-' + which},
    h('p', {class: 'side-label', text: t(emp ? 'dash.employees' : 'dash.customers')}));
  if (emp && side.suppressed) {
    add(card, h('p', {class: 'suppressed'}, suppressedText(side)));
    return card;
  }
  const score = emp ? side.enps : side.nps;
  add(card, h('p', {class: 'small', text: t(emp ? 'dash.enps' : 'dash.nps')}));
  if (score && isNum(score.value)) {
    add(card, h('p', {class: 'fig'}, signed(score.value),
      isNum(score.moe95) ? h('small', {title: t('dash.moeLong', {m: num(score.moe95)})}, ' ', t('dash.moe', {m: num(score.moe95)}),
        h('span', {class: 'visually-hidden', text: ' — ' + t('dash.moeLong', {m: num(score.moe95)})})) : null));
  } else add(card, h('p', {class: 'muted', text: t('dash.noAnswers')}));
  add(card, trendText(snap, emp ? 'employee.enps' : 'customer.nps'));
  if (isNum(side.n)) add(card, h('p', {class: 'small', text: t('dash.n', {n: num(side.n, 0)})}));
  if (side.insufficient) add(card, h('p', {}, h('span', {class: 'badge warn'}, h('span', {'aria-hidden': 'true', text: '⚠ '}), t('dash.insufficient'))));
  add(card, h('p', {class: 'small', text: t('dash.attention')}),
    isNum(side.attentionIndex) ? h('p', {class: 'fig', text: num(side.attentionIndex)}) : h('p', {class: 'muted', text: t('dash.noAnswers')}),
    trendText(snap, prefix + '.attentionIndex'));
  return card;
}

function bar(which, label, entry, emptyText) {
  const has = entry && isNum(entry.score);
  const fill = h('span');
  if (has) fill.style.width = Math.max(0, Math.min(100, entry.score)) + '%';
  return h('div', {class: 'barrow'},
    h('span', {text: label}),
    has ? h('div', {class: 'bar ' + which, 'aria-hidden': 'true'}, fill) : h('span', {class: 'small muted', text: emptyText}),
    h('span', {class: 'v'}, has ? num(entry.score) : '—',
      has && isNum(entry.n) ? h('span', {class: 'visually-hidden', text: ' (' + t('dash.n', {n: entry.n}) + ')'}) : null));
}

function dimensionsSection(c, e, gaps) {
  const cd = c.dimensions || {};
  const ed = (!e.suppressed && e.dimensions) || {};
  const ids = [...new Set([...Object.keys(cd), ...Object.keys(ed), ...Object.keys(gaps)])];
  ids.sort((a, b) => {
    const ia = KNOWN_DIMS.indexOf(a); const ib = KNOWN_DIMS.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  const k = e.minimumGroupSize || 5;
  const list = h('ul', {class: 'dims'});
  for (const id of ids) {
    const g = gaps[id];
    const neg = isNum(g) && g < 0;
    let gapEl;
    if (isNum(g)) {
      gapEl = h('p', {class: 'gap ' + (neg ? 'neg' : 'pos')},
        h('span', {'aria-hidden': 'true', text: neg ? '▼ ' : '▲ '}),
        t('dash.gap', {g: signed(g)}), ' — ', t(neg ? 'dash.gapNegative' : 'dash.gapPositive'));
    } else gapEl = h('p', {class: 'small muted', text: t('dash.gapNone')});
    const empText = e.suppressed ? t('dash.dimHidden', {k}) : (isNum(e.n) && e.n > 0 ? t('dash.dimHidden', {k}) : t('dash.noAnswers'));
    add(list, h('li', {class: 'dim' + (neg ? ' negative' : '')},
      h('h3', {text: dimLabel(id)}),
      bar('c', t('dash.customers'), cd[id], t('dash.noAnswers')),
      bar('e', t('dash.employees'), ed[id], empText),
      gapEl));
  }
  return h('section', {'aria-labelledby': 'dims-h'},
    h('h2', {id: 'dims-h', text: t('dash.dimensions')}),
    h('p', {class: 'small muted', text: t('dash.dimensionsHint')}),
    e.suppressed ? h('p', {class: 'suppressed'}, suppressedText(e)) : null,
    list);
}

// ---------- charts ----------

function lineChart({title, labels, series, min, max}) {
  const W = 380; const H = 200; const L = 34; const R = 18; const T = 12; const B = 28;
  const x = (i) => L + (labels.length <= 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (labels.length - 1));
  const y = (v) => T + ((max - v) * (H - T - B)) / (max - min);
  const svgEl = s('svg', {class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title});
  const ticks = min < 0 ? [min, min / 2, 0, max / 2, max] : [min, (min + max) / 4, (min + max) / 2, (3 * (min + max)) / 4, max];
  for (const v of ticks) {
    add(svgEl, s('line', {class: 'grid', x1: L, x2: W - R, y1: y(v), y2: y(v)}),
      s('text', {x: L - 6, y: y(v) + 4, 'text-anchor': 'end', text: num(v, 0)}));
  }
  const step = Math.max(1, Math.ceil(labels.length / 6));
  labels.forEach((lab, i) => {
    if (i % step === 0 || i === labels.length - 1) add(svgEl, s('text', {x: x(i), y: H - 8, 'text-anchor': 'middle', text: lab}));
  });
  for (const se of series) {
    let d = ''; let pen = false;
    se.values.forEach((v, i) => {
      if (!isNum(v)) { pen = false; return; }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
      pen = true;
    });
    if (d) add(svgEl, s('path', {class: 's-' + se.cls, d}));
    se.values.forEach((v, i) => {
      if (!isNum(v)) return;
      const mark = se.cls === 'e'
        ? s('rect', {class: 'p-e', x: x(i) - 4, y: y(v) - 4, width: 8, height: 8})
        : s('circle', {class: 'p-c', cx: x(i), cy: y(v), r: 4});
      add(mark, s('title', {text: `${se.label}, ${labels[i]}: ${num(v)}`}));
      add(svgEl, mark);
    });
  }
  return svgEl;
}

function legend() {
  return h('p', {class: 'legend'},
    h('span', {}, h('span', {class: 'sw', 'aria-hidden': 'true'}), t('dash.customers')),
    h('span', {}, h('span', {class: 'sw e', 'aria-hidden': 'true'}), t('dash.employees')));
}

function trendSection() {
  const items = st.items.slice(-TREND_LIMIT);
  const labels = items.map((x) => periodLabel(x.period, true));
  const pub = (x) => x.employee && !x.employee.suppressed;
  const cAtt = items.map((x) => x.customer && x.customer.attentionIndex);
  const eAtt = items.map((x) => (pub(x) ? x.employee.attentionIndex : null));
  const cNps = items.map((x) => x.customer && x.customer.nps && x.customer.nps.value);
  const eNps = items.map((x) => (pub(x) && x.employee.enps ? x.employee.enps.value : null));
  const fmt = (v) => (isNum(v) ? num(v) : '—');
  const table = h('table', {},
    h('thead', {}, h('tr', {}, h('th', {scope: 'col', text: t('dash.periodCol')}),
      h('th', {scope: 'col', class: 'n', text: `${t('dash.attention')} — ${t('dash.customers')}`}),
      h('th', {scope: 'col', class: 'n', text: `${t('dash.attention')} — ${t('dash.employees')}`}),
      h('th', {scope: 'col', class: 'n', text: t('dash.nps')}),
      h('th', {scope: 'col', class: 'n', text: t('dash.enps')}))),
    h('tbody', {}, items.map((x, i) => h('tr', {},
      h('th', {scope: 'row', text: periodLabel(x.period)}),
      h('td', {class: 'n', text: fmt(cAtt[i])}), h('td', {class: 'n', text: fmt(eAtt[i])}),
      h('td', {class: 'n', text: fmt(cNps[i])}), h('td', {class: 'n', text: fmt(eNps[i])})))));
  return h('section', {'aria-labelledby': 'trend-h'},
    h('h2', {id: 'trend-h', text: t('dash.trend')}),
    legend(),
    h('div', {class: 'grid2'},
      h('figure', {}, h('figcaption', {class: 'small', text: t('dash.trendAttention')}),
        lineChart({title: t('dash.trendAttention'), labels, min: 0, max: 100,
          series: [{cls: 'c', label: t('dash.customers'), values: cAtt}, {cls: 'e', label: t('dash.employees'), values: eAtt}]})),
      h('figure', {}, h('figcaption', {class: 'small', text: t('dash.trendNps')}),
        lineChart({title: t('dash.trendNps'), labels, min: -100, max: 100,
          series: [{cls: 'c', label: t('dash.nps'), values: cNps}, {cls: 'e', label: t('dash.enps'), values: eNps}]}))),
    h('details', {}, h('summary', {text: t('dash.trendTable')}), table));
}

function correlationBlock(corr) {
  if (!corr || !isNum(corr.pearson)) return h('p', {class: 'muted', text: t('dash.noCorrelation')});
  const r = (v) => new Intl.NumberFormat(getLang(), {minimumFractionDigits: 2, maximumFractionDigits: 2}).format(v);
  const ci = Array.isArray(corr.pearson95) && isNum(corr.pearson95[0]) && isNum(corr.pearson95[1]);
  const lines = [
    ci ? t('dash.pearson', {r: r(corr.pearson), lo: r(corr.pearson95[0]), hi: r(corr.pearson95[1]), n: corr.units ?? '?'})
      : t('dash.pearsonNoCi', {r: r(corr.pearson), n: corr.units ?? '?'}),
  ];
  if (isNum(corr.spearman)) lines.push(t('dash.spearman', {r: r(corr.spearman)}));
  const lag = corr.lagged || {};
  if (lag.employeeLeads && isNum(lag.employeeLeads.pearson)) lines.push(t('dash.employeeLeads', {r: r(lag.employeeLeads.pearson), n: lag.employeeLeads.units ?? '?'}));
  if (lag.customerLeads && isNum(lag.customerLeads.pearson)) lines.push(t('dash.customerLeads', {r: r(lag.customerLeads.pearson), n: lag.customerLeads.units ?? '?'}));
  return h('ul', {}, lines.map((x) => h('li', {text: x})));
}

function scatterBlock(list) {
  if (!list.length) return h('p', {class: 'muted', text: t('dash.scatterNone')});
  const name = (id) => { const u = st.units.find((x) => x.id === id); return u ? u.name : id; };
  const pts = []; let excluded = 0;
  for (const u of list) {
    const ex = u.employee && !u.employee.suppressed ? u.employee.attentionIndex : null;
    const cx = u.customer ? u.customer.attentionIndex : null;
    if (isNum(ex) && isNum(cx)) pts.push({id: u.id, x: ex, y: cx}); else excluded++;
  }
  const S = 320; const P = 40;
  const px = (v) => P + (v / 100) * (S - P - 18);
  const py = (v) => S - P - (v / 100) * (S - P - 10);
  const svgEl = s('svg', {class: 'chart', viewBox: `0 0 ${S} ${S}`, role: 'img', 'aria-label': t('dash.scatter'), style: {maxWidth: '26rem'}});
  for (const v of [0, 25, 50, 75, 100]) {
    add(svgEl, s('line', {class: 'grid', x1: px(0), x2: px(100), y1: py(v), y2: py(v)}),
      s('line', {class: 'grid', x1: px(v), x2: px(v), y1: py(0), y2: py(100)}),
      s('text', {x: px(0) - 6, y: py(v) + 4, 'text-anchor': 'end', text: num(v, 0)}),
      s('text', {x: px(v), y: py(0) + 14, 'text-anchor': 'middle', text: num(v, 0)}));
  }
  add(svgEl, s('line', {class: 'grid', x1: px(0), y1: py(0), x2: px(100), y2: py(100), 'stroke-dasharray': '3 3'}));
  add(svgEl, s('text', {x: px(50), y: S - 4, 'text-anchor': 'middle', text: t('dash.scatterX')}));
  add(svgEl, s('text', {x: 12, y: py(50), 'text-anchor': 'middle', transform: `rotate(-90 12 ${py(50)})`, text: t('dash.scatterY')}));
  for (const p of pts) {
    const dot = s('circle', {class: 'dot', cx: px(p.x), cy: py(p.y), r: 6});
    add(dot, s('title', {text: `${name(p.id)}: ${t('dash.employees')} ${num(p.x)}, ${t('dash.customers')} ${num(p.y)}`}));
    add(svgEl, dot);
  }
  const table = h('table', {},
    h('thead', {}, h('tr', {}, h('th', {scope: 'col', text: t('dash.unit')}),
      h('th', {scope: 'col', class: 'n', text: t('dash.scatterX')}), h('th', {scope: 'col', class: 'n', text: t('dash.scatterY')}))),
    h('tbody', {}, pts.map((p) => h('tr', {}, h('th', {scope: 'row', text: name(p.id)}),
      h('td', {class: 'n', text: num(p.x)}), h('td', {class: 'n', text: num(p.y)})))));
  return h('figure', {},
    h('figcaption', {}, h('strong', {text: t('dash.scatter')}), h('br'), h('span', {class: 'small muted', text: t('dash.scatterHint')})),
    svgEl,
    excluded ? h('p', {class: 'small muted'}, t('dash.scatterExcluded', {n: excluded})) : null,
    h('details', {}, h('summary', {text: t('dash.scatterTable')}), table));
}

// ---------- comments ----------

/** Customers' words of the scope and period, read page by page (listComments); employees' are not stored. */
function commentsPanel(period, seq) {
  const {scope, id} = scopeParts();
  const list = h('ul', {class: 'comments read', id: 'comments'});
  const status = h('p', {class: 'small muted', role: 'status'});
  const more = h('button', {type: 'button', class: 'btn secondary', id: 'comments-more', text: t('dash.commentsMore'), hidden: true});
  const unitName = (uid) => { const u = st.units.find((x) => x.id === uid); return u ? u.name : uid; };
  let cursor = null;
  const load = async () => {
    more.disabled = true;
    status.textContent = t('common.loading');
    try {
      const res = await api('listComments', {scope, id, period, limit: 10, cursor});
      if (seq !== renderSeq) return;
      for (const c of Array.isArray(res.items) ? res.items : []) {
        add(list, commentItem(c, {dayLabel: (d) => periodLabel('DAY:' + d), unitName: scope === 'unit' ? null : unitName(c.unitId)}));
      }
      cursor = res.cursor || null;
      more.hidden = !cursor;
      status.textContent = list.childElementCount || cursor ? '' : t('dash.noComments');
    } catch (err) {
      if (seq !== renderSeq) return;
      status.textContent = errorText(err);
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', load);
  load();
  const team = scope === 'unit' && String(period).startsWith('MONTH:')
    ? h('p', {class: 'no-print'}, h('a', {id: 'team-link', href: '/team/#unit=' + encodeURIComponent(id) + '&period=' + encodeURIComponent(period), text: t('dash.teamPage')}))
    : null;
  return h('section', {'aria-labelledby': 'com-h', id: 'comments-panel'},
    h('h2', {id: 'com-h', text: t('dash.comments')}),
    h('p', {class: 'small muted', text: t('dash.commentsHint')}),
    team, list, status, more);
}

onLangChange(() => {
  renderKeyBox(false);
  if (st.org || st.units.length) { renderPickers(); renderSnapshot(); }
});

start();

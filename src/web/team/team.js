// The page a team reads together: one unit's month, customers and employees side by side, the gaps with
// their direction, the last months, and a handful of what customers wrote; printable (print.css).
// URL: /team/#unit=<unit id>&period=MONTH:2026-11 (from the dashboard; the API key is the dashboard's).
// Calls (header x-api-key): GET /listUnits, GET /getSnapshot, GET /listSnapshots, GET /listComments.
// Everything shown comes from the snapshot as published: a side or a dimension it withholds is not shown.

import {h, add, clear, fragmentParam, surfaceErrors} from '/assets/dom.js';
import {t, getLang, setLang, mountSwitch, applyStatic, onLangChange, num, signed} from '/assets/i18n.js';
import {call, ApiError, getKey} from '/assets/api.js';
import {commentItem} from '/assets/comments.js';

surfaceErrors(() => t('js.error'));
applyStatic(document);

const $ = (id) => document.getElementById(id);
const KNOWN_DIMS = ['listening', 'ownership', 'information', 'recognition', 'cooperation'];
const COMMENTS = 6;
const MONTHS = 6;
const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
const dimLabel = (id) => (KNOWN_DIMS.includes(id) ? t('dim.' + id) : id);

const key = getKey();
const unitId = fragmentParam('unit');
const period = fragmentParam('period');
const page = {org: null, unit: null, snap: null, months: [], comments: []};

function monthLabel(p, short = false) {
  const m = /^MONTH:(\d{4})-(\d{2})$/.exec(String(p || ''));
  if (!m) return String(p || '');
  return new Intl.DateTimeFormat(getLang(), short ? {month: 'short', year: '2-digit', timeZone: 'UTC'} : {month: 'long', year: 'numeric', timeZone: 'UTC'})
    .format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}

function dayLabel(d) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  return m ? new Intl.DateTimeFormat(getLang(), {dateStyle: 'medium', timeZone: 'UTC'}).format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))) : d;
}

function errorText(err) {
  if (!(err instanceof ApiError)) return String(err && err.message || err);
  if (err.code === 'network' || err.status >= 500) return t('err.unavailable');
  const k = 'err.' + err.code;
  return t(k) === k ? t('err.http', {status: err.status}) : t(k);
}

function fail(text) {
  add(clear($('msg')), h('p', {class: 'banner banner-error', role: 'alert', text}));
}

async function start() {
  if (!unitId || !/^MONTH:\d{4}-\d{2}$/.test(period || '')) { fail(t('team.need')); return; }
  if (!key) { fail(t('dash.needKey')); return; }
  const api = (name, query) => call(name, {query, key});
  try {
    const units = await api('listUnits');
    page.org = units.organisation || null;
    page.unit = (units.items || []).find((u) => u.id === unitId) || {id: unitId, name: unitId, languages: []};
    // The organisation's language (the unit's first one until the organisation file names its own).
    const lang = (page.org && (page.org.language || page.org.defaultLanguage)) || (page.unit.languages || [])[0];
    if (lang) setLang(lang, {remember: false});
    mountSwitch($('lang'));
    try {
      page.snap = await api('getSnapshot', {scope: 'unit', id: unitId, period});
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'not_found')) throw err;
    }
    const history = await api('listSnapshots', {scope: 'unit', id: unitId, periodType: 'MONTH', limit: 12});
    page.months = (history.items || []).filter((x) => x && x.period && x.period <= period)
      .sort((a, b) => (a.period < b.period ? -1 : 1)).slice(-MONTHS);
    const comments = await api('listComments', {scope: 'unit', id: unitId, period, limit: COMMENTS});
    page.comments = Array.isArray(comments.items) ? comments.items : [];
    render();
  } catch (err) {
    fail(errorText(err));
  }
}

function suppressedText(side) {
  const k = side.minimumGroupSize || 5;
  const reason = ['small_group', 'complementary', 'open_period', 'period_type'].includes(side.reason) ? '.' + side.reason : '';
  return t('dash.suppressed' + reason, {k});
}

function sideCard(which, side) {
  const emp = which === 'e';
  const card = h('div', {class: 'card side-' + which}, h('h3', {text: t(emp ? 'dash.employees' : 'dash.customers')}));
  if (!side || (emp && side.suppressed !== false)) {
    add(card, h('p', {class: 'suppressed', text: side ? suppressedText(side) : t('dash.noAnswers')}));
    return card;
  }
  const score = emp ? side.enps : side.nps;
  const trend = (k) => (page.snap.trend && isNum(page.snap.trend[k]) ? ' (' + signed(page.snap.trend[k]) + ')' : '');
  add(card,
    h('p', {}, h('strong', {text: t(emp ? 'dash.enps' : 'dash.nps') + ' '}),
      score && isNum(score.value) ? signed(score.value) + trend(emp ? 'employee.enps' : 'customer.nps') : '—'),
    h('p', {}, h('strong', {text: t('dash.attention') + ' '}),
      isNum(side.attentionIndex) ? num(side.attentionIndex) + trend((emp ? 'employee' : 'customer') + '.attentionIndex') : '—'),
    isNum(side.n) ? h('p', {class: 'small', text: t('dash.n', {n: num(side.n, 0)})}) : null,
    side.insufficient ? h('p', {class: 'small', text: '⚠ ' + t('dash.insufficient')}) : null);
  return card;
}

function gapsTable(snap) {
  const c = (snap.customer && snap.customer.dimensions) || {};
  const e = (snap.employee && snap.employee.suppressed === false && snap.employee.dimensions) || {};
  const gaps = snap.gaps && typeof snap.gaps === 'object' ? snap.gaps : {};
  const ids = [...new Set([...Object.keys(c), ...Object.keys(e), ...Object.keys(gaps)])]
    .sort((a, b) => ((KNOWN_DIMS.indexOf(a) + 99) % 99) - ((KNOWN_DIMS.indexOf(b) + 99) % 99) || a.localeCompare(b));
  const score = (x) => (x && isNum(x.score) ? num(x.score) : '—');
  return h('table', {id: 'gaps'},
    h('thead', {}, h('tr', {},
      h('th', {scope: 'col', text: t('dash.dimension')}),
      h('th', {scope: 'col', class: 'n', text: t('dash.customers')}),
      h('th', {scope: 'col', class: 'n', text: t('dash.employees')}),
      h('th', {scope: 'col', text: t('team.gaps')}))),
    h('tbody', {}, ids.map((id) => {
      const g = gaps[id];
      const dir = !isNum(g) ? null : g > 0 ? 'up' : g < 0 ? 'down' : 'even';
      return h('tr', {class: dir ? 'gap-' + dir : ''},
        h('th', {scope: 'row', text: dimLabel(id)}),
        h('td', {class: 'n', text: score(c[id])}),
        h('td', {class: 'n', text: score(e[id])}),
        h('td', {class: dir || ''}, dir
          ? [h('span', {'aria-hidden': 'true', text: dir === 'up' ? '▲ ' : dir === 'down' ? '▼ ' : '= '}),
            signed(g) + ' — ' + t(dir === 'up' ? 'team.gapUp' : dir === 'down' ? 'team.gapDown' : 'team.gapEven')]
          : t('dash.gapNone')));
    })));
}

function trendTable() {
  const pub = (x) => x.employee && x.employee.suppressed === false;
  const v = (x) => (isNum(x) ? num(x) : '—');
  return h('table', {id: 'trend'},
    h('thead', {}, h('tr', {},
      h('th', {scope: 'col', text: t('dash.periodCol')}),
      h('th', {scope: 'col', class: 'n', text: t('dash.attention') + ' — ' + t('dash.customers')}),
      h('th', {scope: 'col', class: 'n', text: t('dash.attention') + ' — ' + t('dash.employees')}),
      h('th', {scope: 'col', class: 'n', text: t('dash.nps')}),
      h('th', {scope: 'col', class: 'n', text: t('dash.enps')}))),
    h('tbody', {}, page.months.map((x) => h('tr', {},
      h('th', {scope: 'row', text: monthLabel(x.period)}),
      h('td', {class: 'n', text: v(x.customer && x.customer.attentionIndex)}),
      h('td', {class: 'n', text: pub(x) ? v(x.employee.attentionIndex) : '—'}),
      h('td', {class: 'n', text: v(x.customer && x.customer.nps && x.customer.nps.value)}),
      h('td', {class: 'n', text: pub(x) && x.employee.enps ? v(x.employee.enps.value) : '—'})))));
}

function render() {
  clear($('msg'));
  const content = clear($('content'));
  const unitName = page.unit.name || unitId;
  document.title = t('team.title', {unit: unitName, month: monthLabel(period)});
  add(content,
    h('h1', {id: 'team-title', text: t('team.title', {unit: unitName, month: monthLabel(period)})}),
    h('p', {class: 'muted', text: t('team.intro')}),
    h('p', {class: 'actions no-print'},
      h('button', {type: 'button', class: 'btn', id: 'print', text: t('team.print'), onclick: () => window.print()}),
      h('a', {href: '/dashboard/', text: t('team.back')})));
  const snap = page.snap;
  if (!snap) {
    add(content, h('p', {class: 'banner', id: 'no-snapshot', text: t('team.noSnapshot')}));
  } else {
    add(content,
      h('section', {'aria-labelledby': 'sides-h'}, h('h2', {id: 'sides-h', text: t('team.sides')}),
        h('div', {class: 'sides'}, sideCard('c', snap.customer), sideCard('e', snap.employee))),
      h('section', {'aria-labelledby': 'gaps-h'}, h('h2', {id: 'gaps-h', text: t('team.gaps')}), gapsTable(snap)));
  }
  if (page.months.length) {
    add(content, h('section', {'aria-labelledby': 'trend-h'}, h('h2', {id: 'trend-h', text: t('team.trend')}), trendTable()));
  }
  add(content, h('section', {'aria-labelledby': 'com-h'},
    h('h2', {id: 'com-h', text: t('team.comments')}),
    page.comments.length
      ? h('ul', {class: 'comments read', id: 'team-comments'}, page.comments.map((c) => commentItem(c, {dayLabel})))
      : h('p', {class: 'muted', text: t('dash.noComments')}),
    h('p', {class: 'small muted', id: 'no-employee-comments', text: t('team.noEmployeeComments')})));
  if (snap && snap.computedAt) {
    const when = new Date(snap.computedAt);
    add(content, h('p', {class: 'small muted', text: t('team.generated', {
      org: (page.org && page.org.name) || '',
      t: isNaN(when) ? snap.computedAt : new Intl.DateTimeFormat(getLang(), {dateStyle: 'medium', timeStyle: 'short'}).format(when)})}));
  }
}

onLangChange(() => { if (page.unit) render(); });

start();

// A customer's comment as the dashboard and the team page show it. The words go into text nodes only
// (textContent through h()), never through innerHTML: "<script>" or "=HYPERLINK(…)" stay the characters typed.

import {h} from '/assets/dom.js';
import {t} from '/assets/i18n.js';

const GROUPS = ['promoter', 'passive', 'detractor'];

/** c: an item of listComments; dayLabel(day) formats its day; unitName, when given, names its unit. */
export function commentItem(c, {dayLabel = (d) => d, unitName = null} = {}) {
  const group = GROUPS.includes(c.group) ? c.group : 'passive';
  const badge = group === 'promoter' ? 'good' : group === 'detractor' ? 'bad' : 'warn';
  const recommend = Number.isInteger(c.recommend) ? ` ${c.recommend}/10` : '';
  return h('li', {class: 'comment ' + group},
    h('p', {class: 'comment-text', text: String(c.text ?? '')}),
    h('p', {class: 'small muted comment-meta'},
      h('span', {class: 'badge ' + badge, text: t('group.' + group) + recommend}), ' · ',
      h('span', {text: dayLabel(String(c.day ?? ''))}),
      unitName ? h('span', {text: ' · ' + unitName}) : null));
}

// One form for customer feedback and employee pulse answers.
// URL: /form/#t=<token>   (the fragment keeps the token out of server logs)
// Calls: POST /getForm {token}, then POST /submitFeedback (customer) or /submitPulse (pulse).
// The token travels in the fragment and in request bodies only, never in a query string (server,
// CDN and proxy logs keep query strings).

import {h, clear, surfaceErrors} from '/assets/dom.js';
import {t, bind, pick, getLang, setLang, bestOf, mountSwitch, applyStatic, onLangChange} from '/assets/i18n.js';
import {call, ApiError, uuid} from '/assets/api.js';

const COMMENT_MAX = 2000;
const RETRY_DELAYS = [1000, 2000, 4000, 8000]; // automatic retries, then a button
const GONE = ['link_spent', 'link_expired', 'token_revoked', 'invalid_token', 'unknown_unit'];

const main = document.getElementById('main');
surfaceErrors(() => t('js.error'));
applyStatic(document);
mountSwitch(document.getElementById('lang'));

function readToken() {
  const frag = new URLSearchParams(location.hash.replace(/^#/, ''));
  return frag.get('t') || '';
}

const token = readToken();
let form = null; // the getForm answer

/** Shows one full-page state (error, thanks…), kept in the current language. */
function showState({icon, title, text, vars, action}) {
  clear(main);
  const heading = bind(h('h1', {tabindex: '-1'}), title, {vars});
  main.append(h('div', {class: 'state'},
    h('div', {class: 'icon', 'aria-hidden': 'true', text: icon}),
    heading,
    text ? bind(h('p'), text, {vars}) : null,
    action || null));
  heading.focus();
}

function errorText(err) {
  if (!(err instanceof ApiError)) return String(err && err.message || err);
  if (err.code.startsWith('http_')) return t('err.http', {status: err.status});
  const key = 'err.' + err.code;
  const txt = t(key);
  return txt === key ? t('err.http', {status: err.status || '?'}) : txt;
}

async function load() {
  if (!token) {
    showState({icon: 'ℹ', title: 'state.invalid_token.title', text: 'form.notoken'});
    return;
  }
  try {
    form = await call('getForm', {body: {token}});
  } catch (err) {
    if (err instanceof ApiError && GONE.includes(err.code)) {
      showGone(err.code);
    } else {
      clear(main);
      const retry = h('button', {type: 'button', class: 'btn', onclick: () => { clear(main); load(); }});
      bind(retry, 'common.retry');
      const msg = h('p');
      const unavailable = err instanceof ApiError && (err.code === 'network' || err.status >= 500);
      bind(msg, () => (unavailable ? t('err.unavailable') : errorText(err)));
      showState({icon: '⚠', title: 'state.load_failed.title', action: h('div', {}, msg, retry)});
    }
    return;
  }
  const langs = Array.isArray(form.languages) && form.languages.length ? form.languages : ['fr', 'en'];
  mountSwitch(document.getElementById('lang'), langs.filter((l) => l === 'fr' || l === 'en'));
  const best = bestOf(langs);
  if (best !== getLang()) setLang(best, {remember: false});
  renderForm();
}

function renderForm() {
  const isPulse = form.kind === 'pulse';
  const side = isPulse ? 'employee' : 'customer';
  const q = form.questionnaire || {};
  const unitName = (form.unit && form.unit.name) || '';
  titleFollowsLanguage(unitName);

  clear(main);
  main.append(...heading(unitName, isPulse));
  const parts = {
    isPulse,
    headline: headlineScale(q, side),
    ratingScales: dimensionScales(q, side),
    // Employees' words are not stored at all (README): the pulse has no comment box, only a line saying why.
    comment: isPulse ? null : commentField(),
    contact: isPulse ? null : contactField(),
    honeypot: honeypotField(),
    bar: sendBar(),
  };
  const formEl = h('form', {novalidate: true, 'aria-labelledby': 'f-title'});
  formEl.append(...[
    parts.headline.el,
    parts.ratingScales.length ? ratingsIntro() : null,
    ...parts.ratingScales.map((r) => r.el),
    parts.comment ? parts.comment.el : bind(h('p', {id: 'no-comment', class: 'hint'}), 'form.noComment'),
    parts.contact && parts.contact.el, parts.honeypot.el,
    parts.bar.el,
  ].filter(Boolean));
  main.append(formEl);
  sendOnSubmit(formEl, parts);
}

function titleFollowsLanguage(unitName) {
  const updateTitle = () => { document.title = unitName ? t('form.titleUnit', {unit: unitName}) : t('form.title'); };
  updateTitle();
  onLangChange(updateTitle);
}

function heading(unitName, isPulse) {
  return [
    h('h1', {id: 'f-title'}, unitName || bind(h('span'), 'form.title')),
    bind(h('p', {class: 'muted'}), isPulse ? 'form.intro.pulse' : 'form.intro.customer'),
    isPulse ? bind(h('p', {class: 'banner banner-ok', id: 'anon'}), 'form.anonymous') : null,
  ].filter(Boolean);
}

/** The headline question, 0–10, the only required one. */
function headlineScale(q, side) {
  const headline = scale({
    name: 'recommend', from: 0, to: 10,
    legend: () => pick(q.headline && q.headline[side]),
    required: true, ends: 'form.headlineScale',
  });
  headline.el.classList.add('headline');
  return headline;
}

/** The mirrored dimensions, 1–5, each optional. */
function dimensionScales(q, side) {
  const dims = (Array.isArray(q.dimensions) ? q.dimensions : []).filter((d) => d && d.id);
  return dims.map((d) => ({id: d.id, ...scale({
    name: 'r-' + d.id, from: 1, to: 5, five: true,
    legend: () => pick(d[side]), clearable: true,
  })}));
}

function ratingsIntro() {
  return h('p', {class: 'muted small'}, bind(h('span'), 'form.ratingsIntro'), ' ', bind(h('span'), 'form.ratingScale'));
}

/** The optional comment and its character count; returns {el, input, err}. */
function commentField() {
  const input = h('textarea', {id: 'comment', name: 'comment', maxlength: String(COMMENT_MAX), rows: '3', 'aria-describedby': 'comment-count comment-err'});
  const counter = h('p', {id: 'comment-count', class: 'hint counter'});
  const setCount = () => { counter.textContent = t('form.commentCount', {n: input.value.length, max: COMMENT_MAX}); };
  input.addEventListener('input', setCount);
  onLangChange(setCount);
  setCount();
  const err = h('p', {id: 'comment-err', class: 'field-error'});
  const el = h('div', {class: 'field'},
    h('div', {class: 'q-head'}, bind(h('label', {for: 'comment'}), 'form.comment'), bind(h('span', {class: 'tag'}), 'form.optional')),
    input, counter, err);
  return {el, input, err};
}

/** Customers only: an optional e-mail address, sent with the consent ticked; returns {el, email, consent, err}. */
function contactField() {
  const email = h('input', {type: 'email', id: 'email', name: 'email', autocomplete: 'email', inputmode: 'email', 'aria-describedby': 'email-hint email-err'});
  const consent = h('input', {type: 'checkbox', id: 'consent', name: 'consent', 'aria-describedby': 'privacy-notice'});
  const err = h('p', {id: 'email-err', class: 'field-error'});
  const el = h('div', {class: 'field'},
    h('div', {class: 'q-head'}, bind(h('label', {for: 'email'}), 'form.email'), bind(h('span', {class: 'tag'}), 'form.optional')),
    email,
    bind(h('p', {id: 'email-hint', class: 'hint'}), 'form.emailHint'),
    h('label', {class: 'check', for: 'consent'}, consent, bind(h('span'), 'form.consent')),
    bind(h('p', {id: 'privacy-notice', class: 'hint privacy'}), 'form.privacy'),
    err);
  return {el, email, consent, err};
}

/** Invisible, out of tab order, hidden from assistive technology, sent as is; returns {el, input}. */
function honeypotField() {
  const input = h('input', {type: 'text', id: 'website', name: 'website', tabindex: '-1', autocomplete: 'off'});
  return {el: h('div', {class: 'hp', 'aria-hidden': 'true'}, bind(h('label', {for: 'website'}), 'form.honeypot'), input), input};
}

/** The error summary, the send and retry buttons and the sending status. */
function sendBar() {
  const errorBox = h('div', {class: 'banner banner-error', role: 'alert', hidden: true, tabindex: '-1'});
  const status = h('p', {role: 'status', class: 'muted'});
  const send = bind(h('button', {type: 'submit', class: 'btn block'}), 'form.send');
  const retry = bind(h('button', {type: 'button', class: 'btn secondary block', hidden: true}), 'common.retry');
  return {el: h('div', {class: 'sendbar'}, errorBox, send, retry, status), errorBox, status, send, retry};
}

// ---- sending ----

/** Sends the answer on submit, under one submissionId per form fill; a failure shows where it lies. */
function sendOnSubmit(formEl, parts) {
  const {isPulse, bar: {errorBox, status, send, retry}} = parts;
  const errors = errorsShownIn(formEl, errorBox);
  let submissionId = null; // made once per form fill, reused on every retry
  let sending = false;

  async function submit() {
    if (sending) return;
    errors.clear();
    if (!readyToSend(parts, errors)) return;
    if (!submissionId) submissionId = uuid();
    sending = true;
    send.disabled = true;
    retry.hidden = true;
    status.textContent = t('form.sending');
    const failure = await sendWithRetries(isPulse ? 'submitPulse' : 'submitFeedback', () => answerBody(parts, submissionId), status);
    if (failure === null) { showThanks(isPulse); return; }
    sending = false;
    send.disabled = false;
    status.textContent = '';
    showSendFailure(failure, parts, errors);
  }

  // once the user fixes the marked field, the summary goes away
  const settle = (e) => {
    if (e.target.getAttribute && e.target.getAttribute('aria-invalid')) e.target.removeAttribute('aria-invalid');
    if (!formEl.querySelector('[aria-invalid]') && send.hidden === false) { errorBox.hidden = true; formEl.querySelectorAll('.field-error').forEach((x) => { x.textContent = ''; }); }
  };
  formEl.addEventListener('change', settle);
  formEl.addEventListener('input', settle);
  formEl.addEventListener('submit', (e) => { e.preventDefault(); submit(); });
  retry.addEventListener('click', () => { send.hidden = false; submit(); });
}

/** The summary above the send button and the marks on the fields at fault. */
function errorsShownIn(formEl, errorBox) {
  return {
    clear() {
      errorBox.hidden = true;
      clear(errorBox);
      formEl.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
      formEl.querySelectorAll('.field-error').forEach((el) => { el.textContent = ''; });
    },
    show(where, msg) {
      // where: {focus: element, err: element for the message, invalid: elements to mark}
      errorBox.hidden = false;
      clear(errorBox).append(msg);
      if (where) {
        (where.invalid || []).forEach((el) => el.setAttribute('aria-invalid', 'true'));
        if (where.err) where.err.textContent = msg;
        if (where.focus) { where.focus.focus(); return; }
      }
      errorBox.focus();
    },
  };
}

/** What the browser checks before sending; shows the first problem. */
function readyToSend({headline, contact}, errors) {
  if (headline.value() === null) {
    errors.show({focus: headline.first(), err: headline.err, invalid: [headline.el]}, t('form.needRecommend'));
    return false;
  }
  if (contact && contact.consent.checked) {
    const {email} = contact;
    const where = {focus: email, err: contact.err, invalid: [email]};
    const v = email.value.trim();
    if (!v) { errors.show(where, t('form.needEmail')); return false; }
    if (!email.checkValidity() || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) {
      errors.show(where, t('form.badEmail')); return false;
    }
  }
  return true;
}

function answerBody({headline, ratingScales, comment, contact, honeypot}, submissionId) {
  const body = {submissionId, token, language: getLang(), recommend: headline.value()};
  const ratings = {};
  for (const r of ratingScales) { const v = r.value(); if (v !== null) ratings[r.id] = v; }
  if (Object.keys(ratings).length) body.ratings = ratings;
  const c = comment ? comment.input.value.trim() : '';
  if (c) body.comment = c;
  if (contact && contact.consent.checked && contact.email.value.trim()) body.contact = {email: contact.email.value.trim(), consent: true};
  body.website = honeypot.input.value;
  return body;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const isRetryable = (err) => err instanceof ApiError && (err.code === 'network' || err.status === 503 || err.retryable);

/**
 * Sends, retrying what may succeed later after the RETRY_DELAYS (the body is read again on each
 * attempt); resolves to null once accepted, else to the last error.
 */
async function sendWithRetries(fn, body, status) {
  for (let attempt = 0; attempt <= RETRY_DELAYS.length; attempt++) {
    try {
      const res = await call(fn, {body: body()});
      if (res && (res.status === 'accepted' || res.status === 'duplicate')) return null;
      return new ApiError({code: 'bad_response'});
    } catch (err) {
      if (!isRetryable(err) || attempt === RETRY_DELAYS.length) return err;
      const wait = RETRY_DELAYS[attempt] + Math.floor(Math.random() * 400);
      status.textContent = t('form.retrying', {s: Math.ceil(wait / 1000)});
      await sleep(wait);
      status.textContent = t('form.sending');
    }
  }
}

/** A send that failed for good: the link's own page, a retry button, or the field at fault. */
function showSendFailure(err, parts, errors) {
  if (err instanceof ApiError && GONE.includes(err.code)) {
    showGone(err.code);
    return;
  }
  if (isRetryable(err)) {
    errors.show(null, errorText(err) + ' ' + t('form.retryManual'));
    parts.bar.send.hidden = true;
    parts.bar.retry.hidden = false;
    return;
  }
  const where = err instanceof ApiError ? fieldOfError(parts, err.field) : null;
  errors.show(where, where && err.code === 'invalid_field' ? t(where.msg) : errorText(err));
}

/** The form field an API error names, and the message for it. */
function fieldOfError({headline, ratingScales, comment, contact}, field) {
  const f = String(field || '').replace(/^ratings\./, '').replace(/^contact\./, '');
  if (f === 'recommend') return {focus: headline.first(), err: headline.err, invalid: [headline.el], msg: 'err.field.recommend'};
  if (f === 'comment' && comment) return {focus: comment.input, err: comment.err, invalid: [comment.input], msg: 'err.field.comment'};
  if ((f === 'email' || f === 'contact' || f === 'consent') && contact) return {focus: contact.email, err: contact.err, invalid: [contact.email], msg: 'err.field.email'};
  const r = ratingScales.find((x) => x.id === f);
  if (r) return {focus: r.first(), err: r.err, invalid: [r.el], msg: 'err.field.rating'};
  return null;
}

function showThanks(isPulse) {
  showState({icon: '✓', title: 'form.thanks', text: isPulse ? 'form.thanksPulse' : 'form.thanksText'});
}

/** The page of a link that cannot be answered (any more). */
function showGone(code) {
  showState({icon: code === 'link_spent' ? '✓' : 'ℹ', title: `state.${code}.title`, text: `state.${code}.text`});
}

/** A radio group drawn as big buttons; returns {el, value(), first(), err}. */
function scale({name, from, to, legend, required, clearable, five, ends}) {
  const id = 'q-' + name;
  const err = h('p', {class: 'field-error', id: id + '-err'});
  const radios = [];
  const grid = h('div', {class: 'scale' + (five ? ' five' : '')});
  for (let v = from; v <= to; v++) {
    const rid = `${id}-${v}`;
    const input = h('input', {type: 'radio', name, id: rid, value: String(v)});
    if (required && v === from) input.required = true;
    radios.push(input);
    grid.append(input, h('label', {for: rid, text: String(v)}));
  }
  const legendEl = h('legend', {});
  const legendText = bind(h('span'), legend);
  const head = h('div', {class: 'q-head'}, legendText, bind(h('span', {class: 'tag'}), required ? 'form.required' : 'form.optional'));
  legendEl.append(head);
  const fs = h('fieldset', {class: 'q', id, 'aria-describedby': `${id}-ends ${id}-err`}, legendEl, grid);
  // the headline shows its scale; the ratings say theirs once above, and here for screen readers only
  const endsEl = bind(h('p', {class: ends ? 'scale-ends' : 'visually-hidden', id: `${id}-ends`}), ends || 'form.ratingScale');
  fs.append(endsEl);
  if (clearable) {
    const clearBtn = h('button', {type: 'button', class: 'linkish small', hidden: true});
    bind(clearBtn, 'form.clear');
    bind(clearBtn, () => t('form.clearLabel', {q: legend()}), {attr: 'aria-label'});
    grid.addEventListener('change', () => { clearBtn.hidden = false; });
    clearBtn.addEventListener('click', () => {
      const was = radios.find((r) => r.checked);
      radios.forEach((r) => { r.checked = false; });
      clearBtn.hidden = true;
      (was || radios[0]).focus();
    });
    fs.append(clearBtn);
  }
  fs.append(err);
  grid.addEventListener('change', () => { err.textContent = ''; fs.removeAttribute('aria-invalid'); });
  return {
    el: fs,
    err,
    value: () => { const r = radios.find((x) => x.checked); return r ? Number(r.value) : null; },
    first: () => radios.find((x) => x.checked) || radios[0],
  };
}

load();

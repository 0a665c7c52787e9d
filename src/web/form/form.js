// One form for customer feedback and employee pulse answers.
// URL: /form/#t=<token>   (the fragment keeps the token out of server logs)
// Calls: GET /getForm?token=…, then POST /submitFeedback (customer) or /submitPulse (pulse).

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
  return frag.get('t') || new URLSearchParams(location.search).get('t') || '';
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
    form = await call('getForm', {query: {token}});
  } catch (err) {
    if (err instanceof ApiError && GONE.includes(err.code)) {
      showState({icon: err.code === 'link_spent' ? '✓' : 'ℹ', title: `state.${err.code}.title`, text: `state.${err.code}.text`});
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
  const updateTitle = () => { document.title = unitName ? t('form.titleUnit', {unit: unitName}) : t('form.title'); };
  updateTitle();
  onLangChange(updateTitle);

  clear(main);
  const formEl = h('form', {novalidate: true, 'aria-labelledby': 'f-title'});
  const errorBox = h('div', {class: 'banner banner-error', role: 'alert', hidden: true, tabindex: '-1'});
  const status = h('p', {role: 'status', class: 'muted'});

  // heading
  main.append(...[
    h('h1', {id: 'f-title'}, unitName || bind(h('span'), 'form.title')),
    bind(h('p', {class: 'muted'}), isPulse ? 'form.intro.pulse' : 'form.intro.customer'),
    isPulse ? bind(h('p', {class: 'banner banner-ok', id: 'anon'}), 'form.anonymous') : null,
  ].filter(Boolean));

  // headline 0–10, required
  const headline = scale({
    name: 'recommend', from: 0, to: 10,
    legend: () => pick(q.headline && q.headline[side]),
    required: true, ends: 'form.headlineScale',
  });
  headline.el.classList.add('headline');

  // the mirrored dimensions, each optional
  const dims = (Array.isArray(q.dimensions) ? q.dimensions : []).filter((d) => d && d.id);
  const ratingScales = dims.map((d) => ({id: d.id, ...scale({
    name: 'r-' + d.id, from: 1, to: 5, five: true,
    legend: () => pick(d[side]), clearable: true,
  })}));

  // comment
  const comment = h('textarea', {id: 'comment', name: 'comment', maxlength: String(COMMENT_MAX), rows: '3', 'aria-describedby': 'comment-count comment-err'});
  const counter = h('p', {id: 'comment-count', class: 'hint counter'});
  const setCount = () => { counter.textContent = t('form.commentCount', {n: comment.value.length, max: COMMENT_MAX}); };
  comment.addEventListener('input', setCount);
  onLangChange(setCount);
  setCount();
  const commentErr = h('p', {id: 'comment-err', class: 'field-error'});
  const commentField = h('div', {class: 'field'},
    h('div', {class: 'q-head'}, bind(h('label', {for: 'comment'}), 'form.comment'), bind(h('span', {class: 'tag'}), 'form.optional')),
    comment, counter, commentErr);

  // contact (customers only)
  let email = null; let consent = null; let emailErr = null; let contactField = null;
  if (!isPulse) {
    email = h('input', {type: 'email', id: 'email', name: 'email', autocomplete: 'email', inputmode: 'email', 'aria-describedby': 'email-hint email-err'});
    consent = h('input', {type: 'checkbox', id: 'consent', name: 'consent'});
    emailErr = h('p', {id: 'email-err', class: 'field-error'});
    contactField = h('div', {class: 'field'},
      h('div', {class: 'q-head'}, bind(h('label', {for: 'email'}), 'form.email'), bind(h('span', {class: 'tag'}), 'form.optional')),
      email,
      bind(h('p', {id: 'email-hint', class: 'hint'}), 'form.emailHint'),
      h('label', {class: 'check', for: 'consent'}, consent, bind(h('span'), 'form.consent')),
      emailErr);
  }

  // honeypot: invisible, out of tab order, hidden from assistive technology, sent as is
  const website = h('input', {type: 'text', id: 'website', name: 'website', tabindex: '-1', autocomplete: 'off'});
  const honeypot = h('div', {class: 'hp', 'aria-hidden': 'true'}, bind(h('label', {for: 'website'}), 'form.honeypot'), website);

  const send = bind(h('button', {type: 'submit', class: 'btn block'}), 'form.send');
  const retry = bind(h('button', {type: 'button', class: 'btn secondary block', hidden: true}), 'common.retry');

  formEl.append(...[
    headline.el,
    dims.length ? h('p', {class: 'muted small'}, bind(h('span'), 'form.ratingsIntro'), ' ', bind(h('span'), 'form.ratingScale')) : null,
    ...ratingScales.map((r) => r.el),
    commentField, contactField, honeypot,
    h('div', {class: 'sendbar'}, errorBox, send, retry, status),
  ].filter(Boolean));
  main.append(formEl);

  // ---- sending ----
  let submissionId = null; // made once per form fill, reused on every retry
  let sending = false;

  function clearErrors() {
    errorBox.hidden = true;
    clear(errorBox);
    formEl.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    formEl.querySelectorAll('.field-error').forEach((el) => { el.textContent = ''; });
  }

  function fieldError(where, msg) {
    // where: {focus: element, err: element for the message, invalid: elements to mark}
    errorBox.hidden = false;
    clear(errorBox).append(msg);
    if (where) {
      (where.invalid || []).forEach((el) => el.setAttribute('aria-invalid', 'true'));
      if (where.err) where.err.textContent = msg;
      if (where.focus) { where.focus.focus(); return; }
    }
    errorBox.focus();
  }

  function fieldFor(field) {
    const f = String(field || '').replace(/^ratings\./, '').replace(/^contact\./, '');
    if (f === 'recommend') return {focus: headline.first(), err: headline.err, invalid: [headline.el], msg: 'err.field.recommend'};
    if (f === 'comment') return {focus: comment, err: commentErr, invalid: [comment], msg: 'err.field.comment'};
    if ((f === 'email' || f === 'contact' || f === 'consent') && email) return {focus: email, err: emailErr, invalid: [email], msg: 'err.field.email'};
    const r = ratingScales.find((x) => x.id === f);
    if (r) return {focus: r.first(), err: r.err, invalid: [r.el], msg: 'err.field.rating'};
    return null;
  }

  function payload() {
    const body = {submissionId, token, language: getLang(), recommend: headline.value()};
    const ratings = {};
    for (const r of ratingScales) { const v = r.value(); if (v !== null) ratings[r.id] = v; }
    if (Object.keys(ratings).length) body.ratings = ratings;
    const c = comment.value.trim();
    if (c) body.comment = c;
    if (!isPulse && consent.checked && email.value.trim()) body.contact = {email: email.value.trim(), consent: true};
    body.website = website.value;
    return body;
  }

  function validate() {
    if (headline.value() === null) {
      fieldError({focus: headline.first(), err: headline.err, invalid: [headline.el]}, t('form.needRecommend'));
      return false;
    }
    if (!isPulse && consent.checked) {
      const v = email.value.trim();
      if (!v) { fieldError({focus: email, err: emailErr, invalid: [email]}, t('form.needEmail')); return false; }
      if (!email.checkValidity() || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) {
        fieldError({focus: email, err: emailErr, invalid: [email]}, t('form.badEmail')); return false;
      }
    }
    return true;
  }

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  async function submit() {
    if (sending) return;
    clearErrors();
    if (!validate()) return;
    if (!submissionId) submissionId = uuid();
    sending = true;
    send.disabled = true;
    retry.hidden = true;
    status.textContent = t('form.sending');
    const fn = isPulse ? 'submitPulse' : 'submitFeedback';
    let lastErr = null;
    for (let attempt = 0; attempt <= RETRY_DELAYS.length; attempt++) {
      try {
        const res = await call(fn, {body: payload()});
        if (res && (res.status === 'accepted' || res.status === 'duplicate')) { thanks(); return; }
        lastErr = new ApiError({code: 'bad_response'});
        break;
      } catch (err) {
        lastErr = err;
        const retryable = err instanceof ApiError && (err.code === 'network' || err.status === 503 || err.retryable);
        if (!retryable || attempt === RETRY_DELAYS.length) break;
        const wait = RETRY_DELAYS[attempt] + Math.floor(Math.random() * 400);
        status.textContent = t('form.retrying', {s: Math.ceil(wait / 1000)});
        await sleep(wait);
        status.textContent = t('form.sending');
      }
    }
    sending = false;
    send.disabled = false;
    status.textContent = '';
    handleError(lastErr);
  }

  function handleError(err) {
    if (err instanceof ApiError && GONE.includes(err.code)) {
      showState({icon: err.code === 'link_spent' ? '✓' : 'ℹ', title: `state.${err.code}.title`, text: `state.${err.code}.text`});
      return;
    }
    const retryable = err instanceof ApiError && (err.code === 'network' || err.status === 503 || err.retryable);
    if (retryable) {
      fieldError(null, errorText(err) + ' ' + t('form.retryManual'));
      send.hidden = true;
      retry.hidden = false;
      return;
    }
    const where = err instanceof ApiError ? fieldFor(err.field) : null;
    fieldError(where, where && err.code === 'invalid_field' ? t(where.msg) : errorText(err));
  }

  function thanks() {
    showState({icon: '✓', title: 'form.thanks', text: isPulse ? 'form.thanksPulse' : 'form.thanksText'});
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

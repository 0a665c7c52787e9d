// Tiny DOM helpers. Everything that may come from the API goes through text nodes,
// never through innerHTML, so HTML inside data (comments, unit names) stays inert.

const SVG_NS = 'http://www.w3.org/2000/svg';

function apply(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') el.textContent = String(v);
    else if (k === 'class') el.setAttribute('class', v);
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value' && 'value' in el) el.value = v;
    else if (k === 'checked' || k === 'disabled' || k === 'hidden') el[k] = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** h('p', {class: 'x'}, 'text', child) — builds an HTML element. */
export function h(tag, attrs, ...children) {
  return append(apply(document.createElement(tag), attrs), children);
}

/** s('rect', {x: 1}) — builds an SVG element. */
export function s(tag, attrs, ...children) {
  return append(apply(document.createElementNS(SVG_NS, tag), attrs), children);
}

/** add(parent, ...children) — like append, but skips null/undefined/false. */
export function add(el, ...children) {
  return append(el, children);
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Reads a parameter from the URL fragment (#t=…&key=…), then from the query string. */
export function fragmentParam(name) {
  const frag = new URLSearchParams(location.hash.replace(/^#/, ''));
  if (frag.has(name)) return frag.get(name);
  return new URLSearchParams(location.search).get(name);
}

/** Removes one parameter from the fragment without reloading (keeps secrets out of history). */
export function dropFragmentParam(name) {
  const frag = new URLSearchParams(location.hash.replace(/^#/, ''));
  if (!frag.has(name)) return;
  frag.delete(name);
  const rest = frag.toString();
  history.replaceState(null, '', location.pathname + location.search + (rest ? '#' + rest : ''));
}

/**
 * Shows uncaught script errors to the user instead of failing silently.
 * `message` gives the text for the banner (translated by the caller).
 */
export function surfaceErrors(message) {
  const show = (detail) => {
    let box = document.getElementById('js-error');
    if (!box) {
      box = h('div', {id: 'js-error', class: 'banner banner-error', role: 'alert'});
      document.body.prepend(box);
    }
    clear(box).append(h('strong', {text: message()}), ' ', h('span', {class: 'muted', text: detail}));
  };
  window.addEventListener('error', (e) => show(e.message || String(e.error || 'error')));
  window.addEventListener('unhandledrejection', (e) => show(String((e.reason && e.reason.message) || e.reason)));
}

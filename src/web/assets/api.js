// Fetch wrapper for the Symmetry functions (same origin as the pages).
// Every failure becomes an ApiError carrying the contract's {code, field, message, retryable}.

const KEY_STORAGE = 'symmetry.apiKey';

/** Where the functions live; same origin by default, overridable with <meta name="symmetry-api-base">. */
function base() {
  const meta = document.querySelector('meta[name="symmetry-api-base"]');
  return meta ? meta.content.replace(/\/$/, '') : '';
}

export class ApiError extends Error {
  constructor({status = 0, code = 'network', field = null, message = '', retryable = false} = {}) {
    super(message || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryable = retryable;
  }
}

/**
 * call('listUnits', {query: {...}}) or call('getForm', {body: {token}}).
 * A body makes it a POST; `key` adds the x-api-key header. Tokens go in bodies, never in a query.
 */
export async function call(name, {query, body, key, timeoutMs = 15000} = {}) {
  const url = new URL(base() + '/' + name, location.href);
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
  }
  const headers = {Accept: 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (key) headers['x-api-key'] = key;
  const ctl = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = ctl ? setTimeout(() => ctl.abort(), timeoutMs) : null;
  let res;
  try {
    res = await fetch(url, {
      method: body !== undefined ? 'POST' : 'GET',
      headers,
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: ctl ? ctl.signal : undefined,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError({code: 'network', message: String(e && e.message || e), retryable: true});
  } finally {
    if (timer) clearTimeout(timer);
  }
  let data = null;
  const text = await res.text().catch(() => '');
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (res.ok && data !== null) return data;
  const err = data && typeof data === 'object' && data.error && typeof data.error === 'object' ? data.error : null;
  if (err) {
    throw new ApiError({
      status: res.status,
      code: String(err.code || 'http_' + res.status),
      field: err.field ? String(err.field) : null,
      message: err.message ? String(err.message) : '',
      retryable: err.retryable === true,
    });
  }
  if (res.ok) throw new ApiError({status: res.status, code: 'bad_response', message: 'not JSON'});
  throw new ApiError({
    status: res.status,
    code: 'http_' + res.status,
    retryable: res.status === 502 || res.status === 503 || res.status === 504,
  });
}

/** The API key: from #key=… (then removed from the address bar), else sessionStorage. */
export function getKey() {
  const frag = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromUrl = frag.get('key');
  if (fromUrl) {
    setKey(fromUrl);
    frag.delete('key');
    const rest = frag.toString();
    history.replaceState(null, '', location.pathname + location.search + (rest ? '#' + rest : ''));
    return fromUrl;
  }
  try { return sessionStorage.getItem(KEY_STORAGE) || ''; } catch { return ''; }
}

export function setKey(key) {
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  } catch { /* storage disabled: the key lives for this page only */ }
}

/** A v4 UUID: crypto.randomUUID where available (needs a secure context), else built by hand. */
export function uuid() {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') {
    try { return c.randomUUID(); } catch { /* insecure context: fall through */ }
  }
  const b = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = [...b].map((v) => v.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

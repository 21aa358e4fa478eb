// The one API client. It owns the base path, the bearer token, the response
// envelope ({success, data, message, error, pagination}), Idempotency-Key on
// purchases and the spec's 401 rule: clear the token, go to the login page,
// and come back to where the person was after logging in.
import { token, tokenTimes, setSession, clearSession } from './session.js';
import { errorMessage } from './i18n/errors.js';

export class ApiError extends Error {
  constructor(status, code, message, { details = [], data = null } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.data = data;
  }
  // A sentence for a person: our own words for known codes, else the server's.
  get text() {
    return errorMessage(this.code, this.message, this.data);
  }
}

let onUnauthorized = () => {};
// The router installs this; the client never imports the router (no cycle).
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

export function newIdempotencyKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

function url(path, query) {
  const u = new URL(path.startsWith('/api') ? path : `/api${path}`, location.origin);
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== '') u.searchParams.set(k, String(v));
  }
  return u.pathname + u.search;
}

// Tokens live an hour (EVIENT_JWT_TTL). While the person uses the app, a token
// past half its life is exchanged for a fresh one (POST /api/auth/refresh ends
// the old one), once, however many requests are waiting for it.
let refreshing = null;
async function freshToken() {
  const t = token();
  const times = t && tokenTimes(t);
  if (!times) return t;
  const now = Date.now() / 1000;
  if (now >= times.exp || now < (times.iat + times.exp) / 2) return t;
  refreshing ??= fetch('/api/auth/refresh', { method: 'POST', headers: { Authorization: `Bearer ${t}` } })
    .then(async (res) => {
      const env = await res.json().catch(() => null);
      if (res.ok && env?.data?.token && token() === t) setSession(env.data.token, env.data.user);
    })
    .catch(() => {
      // Offline: the request goes on with the old token, still valid for a while.
    })
    .finally(() => {
      refreshing = null;
    });
  await refreshing;
  return token();
}

// Ends this session's token on the server (best effort) and forgets it here.
export async function logout() {
  const t = token();
  clearSession();
  if (!t) return;
  try {
    await fetch('/api/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${t}` } });
  } catch {
    // The token runs out by itself within the hour.
  }
}

// Low level: returns the fetch Response (for CSV and SVG downloads) after the
// 401 rule has run. Options: query, body (JSON) or form (FormData), headers, idempotencyKey,
// noAuthRedirect (a login form's wrong password is not a lost session).
export async function request(method, path, opts = {}) {
  const headers = { Accept: 'application/json', ...(opts.headers || {}) };
  const t = await freshToken();
  if (t) headers.Authorization = `Bearer ${t}`;
  let body;
  if (opts.form !== undefined) {
    // FormData: the browser writes the multipart Content-Type with its boundary.
    body = opts.form;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
  let res;
  try {
    res = await fetch(url(path, opts.query), { method, headers, body, signal: opts.signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', 'Network error');
  }
  if (res.status === 401 && !opts.noAuthRedirect) {
    clearSession();
    onUnauthorized();
  }
  return res;
}

// JSON calls: resolve to {data, pagination, message}; throw ApiError otherwise.
export async function call(method, path, opts = {}) {
  const res = await request(method, path, opts);
  let env = null;
  try {
    env = await res.json();
  } catch {
    // Not JSON (a proxy's error page): reported below by status.
  }
  if (!res.ok || !env || env.success === false) {
    const err = env?.error || {};
    throw new ApiError(res.status, err.code || `HTTP_${res.status}`, env?.message || res.statusText, {
      details: err.details || [],
      data: env?.data ?? null,
    });
  }
  return { data: env.data, pagination: env.pagination || null, message: env.message, headers: res.headers, envelope: env };
}

export const api = {
  get: (path, query, opts = {}) => call('GET', path, { ...opts, query }),
  post: (path, body, opts = {}) => call('POST', path, { ...opts, body }),
  put: (path, body, opts = {}) => call('PUT', path, { ...opts, body }),
  patch: (path, body, opts = {}) => call('PATCH', path, { ...opts, body }),
  del: (path, opts = {}) => call('DELETE', path, opts),
  // An image file as the form field "image" (POST /api/upload for admins,
  // /api/users/avatar for one's own avatar); resolves to {data: {imagePath,
  // thumbnailPath, width, height, ...}}.
  upload: (path, file) => {
    const form = new FormData();
    form.append('image', file);
    return call('POST', path, { form });
  },
  request,
};

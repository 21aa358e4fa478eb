// History-API router: readable URLs (/events/<slug>), pages loaded on demand,
// and the access rules in one place: a page marked `auth` sends a visitor to
// the login page and back; a page marked `admin` shows the 403 page to others.
import { isLoggedIn, isAdmin } from './session.js';

let routes = [];
let onChange = () => {};
let current = null;

export function startRouter(table, render) {
  routes = table.map((r) => ({ ...r, re: compile(r.path) }));
  onChange = render;
  window.addEventListener('popstate', () => resolve());
  document.addEventListener('click', interceptLinks);
  resolve();
}

function compile(pattern) {
  const names = [];
  const src = pattern.replace(/:([a-zA-Z_]+)/g, (_, n) => {
    names.push(n);
    return '([^/]+)';
  });
  return { regex: new RegExp(`^${src}/?$`), names };
}

export function currentPath() {
  return location.pathname + location.search;
}

export function navigate(to, { replace = false } = {}) {
  if (to === currentPath()) {
    if (!replace) resolve();
    return;
  }
  history[replace ? 'replaceState' : 'pushState'](null, '', to);
  resolve();
}

// Where a login should lead back to.
export function loginUrl(next = currentPath()) {
  return `/login?next=${encodeURIComponent(next)}`;
}

// Only paths on this site, never "//evil.example" or "https://...".
export function safeNext(next) {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function interceptLinks(e) {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download') || a.dataset.native !== undefined) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  e.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}

function resolve() {
  const path = location.pathname;
  const query = new URLSearchParams(location.search);
  for (const route of routes) {
    const m = path.match(route.re.regex);
    if (!m) continue;
    const params = {};
    route.re.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
    if ((route.auth || route.admin) && !isLoggedIn()) {
      history.replaceState(null, '', loginUrl(path + location.search));
      return resolve();
    }
    const forbidden = route.admin && !isAdmin();
    current = { route, params, query, path, forbidden };
    onChange(current);
    return;
  }
  current = { route: null, params: {}, query, path, forbidden: false };
  onChange(current);
}

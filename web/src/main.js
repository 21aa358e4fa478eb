// Entry point: starts the router and mounts each page into its frame.
// A page module exports `mount(el, ctx)`; it renders into `el` (a fresh element
// per visit, so a slow page can never draw over the next one) and may return a
// cleanup function (timers, camera) that runs when the person leaves.
import { routes } from './routes.js';
import { startRouter, navigate, loginUrl, currentPath } from './router.js';
import { setUnauthorizedHandler } from './api.js';
import { showFrame } from './ui/layout.js';
import { render, spinner, errorBox } from './ui/components.js';
import { t } from './i18n/vi.js';
import * as notFound from './pages/not_found.js';
import * as forbidden from './pages/forbidden.js';

let cleanup = null;
let visit = 0;

// The spec's 401 rule: the client has already cleared the token.
setUnauthorizedHandler(() => {
  if (!location.pathname.startsWith('/login')) navigate(loginUrl(currentPath()), { replace: true });
});

async function show({ route, params, query, path, forbidden: denied }) {
  const mine = ++visit;
  if (cleanup) {
    try {
      cleanup();
    } catch {
      // A page's cleanup must not block the next page.
    }
    cleanup = null;
  }
  const frameKind = route?.frame || 'site';
  const el = showFrame(denied ? (frameKind === 'bare' ? 'site' : frameKind) : frameKind, path);
  window.scrollTo(0, 0);
  let mod;
  if (!route) mod = notFound;
  else if (denied) mod = forbidden;
  else {
    render(spinner(), el);
    try {
      mod = await route.load();
    } catch (e) {
      render(errorBox({ text: 'Không tải được trang. Kiểm tra mạng và thử lại.' }, () => location.reload()), el);
      return;
    }
  }
  if (mine !== visit) return;
  document.title = t.appName;
  const ctx = {
    params,
    query,
    path,
    navigate,
    setTitle: (title) => (document.title = title ? `${title} · ${t.appName}` : t.appName),
  };
  const result = await mod.mount(el, ctx);
  if (mine !== visit) {
    if (typeof result === 'function') result();
    return;
  }
  cleanup = typeof result === 'function' ? result : null;
  el.querySelector('h1')?.focus({ preventScroll: true });
}

startRouter(routes, show);

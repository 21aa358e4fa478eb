// The frames pages live in: the buyer site (header, bottom tab bar on phones),
// the organiser area (its own menu) and a bare frame for the door scanner.
// Each frame has one <main id="page"> that the router fills.
import { html, render, nothing } from 'lit-html';
import { t } from '../i18n/vi.js';
import { api, logout as endSession } from '../api.js';
import { currentUser, isLoggedIn, isAdmin, onSessionChange } from '../session.js';
import { navigate } from '../router.js';

let unread = 0;
let frame = null;
let activePath = '';
let unreadTimer = null;

export async function refreshUnread() {
  if (!isLoggedIn()) {
    unread = 0;
    return redraw();
  }
  try {
    const { envelope } = await api.get('/notifications', { limit: 1 });
    unread = envelope.unread_count ?? 0;
  } catch {
    // The badge is a hint; a failure here must not disturb the page.
  }
  redraw();
}

export function setUnread(n) {
  unread = n;
  redraw();
}

function logout() {
  endSession();
  navigate('/');
}

const navLink = (href, label, extra = nothing) => {
  const active = href === '/' ? activePath === '/' : activePath.startsWith(href);
  return html`<a href=${href} class="relative rounded-lg px-3 py-2 text-sm font-medium ${active ? 'bg-brand-50 text-brand-700' : 'text-slate-700 hover:bg-slate-100'}" aria-current=${active ? 'page' : 'false'}>${label}${extra}</a>`;
};

const unreadBadge = () =>
  unread > 0
    ? html`<span class="ml-1 inline-flex min-w-[1.25rem] justify-center rounded-full bg-brand-600 px-1.5 text-xs font-bold text-white" aria-label=${t.nav.unread(unread)}>${unread > 99 ? '99+' : unread}</span>`
    : nothing;

function siteFrame() {
  const user = currentUser();
  return html`
    <a href="#page" class="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">Bỏ qua điều hướng</a>
    <header class="sticky top-0 z-40 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div class="mx-auto flex h-14 max-w-6xl items-center justify-between gap-4 px-4">
        <a href="/" class="flex items-center gap-2 text-lg font-extrabold tracking-tight text-brand-600" aria-label="EViENT — ${t.nav.home}">
          <img src="/favicon.svg" alt="" class="h-7 w-7" /> EViENT
        </a>
        <nav class="hidden items-center gap-1 md:flex" aria-label=${t.nav.mainMenu}>
          ${navLink('/events', t.nav.events)}
          ${isLoggedIn() ? html`${navLink('/wallet', t.nav.wallet)}${navLink('/notifications', t.nav.notifications, unreadBadge())}${navLink('/profile', t.nav.profile)}` : nothing}
          ${isAdmin() ? navLink('/admin', t.nav.admin) : nothing}
        </nav>
        <div class="flex items-center gap-2">
          ${isLoggedIn()
            ? html`<span class="hidden text-sm text-slate-600 lg:inline">${user?.full_name || user?.email}</span>
                <button type="button" class="btn-ghost" @click=${logout}>${t.nav.logout}</button>`
            : html`<a href="/login" class="btn-ghost">${t.nav.login}</a><a href="/register" class="btn-primary">${t.nav.register}</a>`}
        </div>
      </div>
    </header>
    <main id="page" class="mx-auto max-w-6xl px-4 pb-24 pt-6 md:pb-12"></main>
    <footer class="hidden border-t border-slate-200 py-8 text-center text-sm text-slate-500 md:block">${t.footer}</footer>
    <nav class="fixed inset-x-0 bottom-0 z-40 grid grid-cols-5 border-t border-slate-200 bg-white md:hidden" aria-label=${t.nav.mainMenu}>
      ${tab('/', t.nav.home)}${tab('/events', t.nav.events)}${tab('/wallet', t.nav.wallet)}${tab('/notifications', t.nav.notifications, unreadBadge())}${tab(isAdmin() ? '/admin' : '/profile', isAdmin() ? t.nav.admin : t.nav.profile)}
    </nav>`;
}

const tab = (href, label, extra = nothing) => {
  const active = href === '/' ? activePath === '/' : activePath.startsWith(href);
  return html`<a href=${href} class="flex flex-col items-center py-2 text-xs font-medium ${active ? 'text-brand-700' : 'text-slate-600'}" aria-current=${active ? 'page' : 'false'}><span>${label}${extra}</span></a>`;
};

function adminFrame() {
  const items = [
    ['/admin', t.adminNav.dashboard, true],
    ['/admin/events', t.adminNav.events],
    ['/admin/rooms', t.adminNav.rooms],
    ['/admin/orders', t.adminNav.orders],
    ['/admin/users', t.adminNav.users],
    ['/admin/banners', t.adminNav.banners],
    ['/admin/notifications', t.adminNav.broadcast],
    ['/admin/audit', t.adminNav.audit],
    ['/door', t.adminNav.door],
  ];
  return html`
    <header class="sticky top-0 z-40 border-b border-slate-800 bg-slate-900 text-white">
      <div class="mx-auto flex h-14 max-w-7xl items-center justify-between gap-4 px-4">
        <a href="/admin" class="text-lg font-extrabold tracking-tight">${t.adminNav.title}</a>
        <div class="flex items-center gap-2 text-sm">
          <a href="/" class="rounded px-2 py-1 text-slate-300 hover:text-white">${t.adminNav.backToSite}</a>
          <button type="button" class="rounded px-2 py-1 text-slate-300 hover:text-white" @click=${logout}>${t.nav.logout}</button>
        </div>
      </div>
      <nav class="mx-auto flex max-w-7xl gap-1 overflow-x-auto px-2 pb-2" aria-label=${t.adminNav.menu}>
        ${items.map(([href, label, exact]) => {
          const active = exact ? activePath === href : activePath.startsWith(href);
          return html`<a href=${href} class="whitespace-nowrap rounded-md px-3 py-1.5 text-sm ${active ? 'bg-white text-slate-900' : 'text-slate-300 hover:bg-slate-800 hover:text-white'}" aria-current=${active ? 'page' : 'false'}>${label}</a>`;
        })}
      </nav>
    </header>
    <main id="page" class="mx-auto max-w-7xl px-4 pb-16 pt-6"></main>`;
}

function bareFrame() {
  return html`<main id="page" class="min-h-screen"></main>`;
}

const kFrames = { site: siteFrame, admin: adminFrame, bare: bareFrame };

function redraw() {
  if (!frame) return;
  render(kFrames[frame](), document.getElementById('app'));
}

// Draws the frame (kept across pages of the same kind) and returns a fresh,
// empty element inside <main> for the next page.
export function showFrame(kind, path) {
  activePath = path;
  const root = document.getElementById('app');
  if (frame !== kind) {
    frame = kind;
    render(nothing, root);
  }
  redraw();
  const main = document.getElementById('page');
  const slot = document.createElement('div');
  main.replaceChildren(slot);
  if (kind === 'site' && isLoggedIn() && !unreadTimer) {
    refreshUnread();
    unreadTimer = setInterval(refreshUnread, 60000);
  }
  return slot;
}

onSessionChange(() => {
  unread = 0;
  if (isLoggedIn()) refreshUnread();
  redraw();
});

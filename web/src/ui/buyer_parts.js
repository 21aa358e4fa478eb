// Pieces the buyer's pages share: event artwork with a graceful fallback, the
// event card of the catalogue, order status badges, ticket counts and a paged
// list of one's own things.
import { html, nothing, badge, spinner, errorBox, pager } from './components.js';
import { api } from '../api.js';
import { b, categoryLabel } from '../i18n/buyer.js';
import { money, formatDateTime, formatDayMonth } from '../format.js';

// An image that turns into a neutral gradient block when it cannot load
// (a seeded URL pointing to a host that is not reachable, a broken link).
// The placeholder always sits under the image, so a slow image shows it too.
function onImageError(e) {
  e.currentTarget.hidden = true;
}

export function eventImage(src, { alt = '', ratio = 'aspect-[4/3]', rounded = 'rounded-t-xl' } = {}) {
  return html`<div class="relative ${ratio} ${rounded} overflow-hidden bg-slate-200">
    <div class="absolute inset-0 flex items-center justify-center bg-gradient-to-br from-slate-200 via-slate-100 to-brand-100" aria-hidden="true">
      <svg viewBox="0 0 24 24" class="h-10 w-10 text-slate-400" fill="none" stroke="currentColor" stroke-width="1.5"><path d="M3 8a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v2a2 2 0 0 0 0 4v2a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-2a2 2 0 0 0 0-4z"/><path d="M14 6v12" stroke-dasharray="2 2"/></svg>
    </div>
    ${src
      ? html`<img src=${src} alt=${alt} class="relative h-full w-full object-cover" decoding="async" @error=${onImageError} />`
      : nothing}
  </div>`;
}

export function priceFrom(ev) {
  if (ev.min_price === null || ev.min_price === undefined) return b.card.noPrice;
  if (Number(ev.min_price) === 0) return b.card.freeTier;
  return html`${b.card.from} <strong class="text-brand-700">${money(ev.min_price)}</strong>`;
}

// A card of the catalogue: the whole card is one link (its title names it).
// `row`: on a phone, a compact row (thumbnail beside the text); a card from sm up.
export function eventCard(ev, { row = false } = {}) {
  const badges = html`${ev.is_sold_out ? html`<span class="badge bg-slate-900/85 text-white">${b.card.soldOut}</span>` : nothing}
    ${ev.is_hot && !ev.is_sold_out ? html`<span class="badge bg-brand-600 text-white">${b.card.hot}</span>` : nothing}`;
  return html`<article class="card group relative flex overflow-hidden transition hover:-translate-y-0.5 hover:shadow-md ${row ? 'flex-row sm:flex-col' : 'flex-col'}">
    <div class=${row ? 'w-28 shrink-0 sm:w-auto' : ''}>
      ${eventImage(ev.thumbnail_image || ev.banner_image, { ratio: row ? 'h-full min-h-[7rem] sm:h-auto sm:min-h-0 sm:aspect-[4/3]' : 'aspect-[4/3]', rounded: '' })}
    </div>
    <div class="absolute left-2 top-2 flex gap-2 ${row ? 'sm:left-3 sm:top-3' : 'left-3 top-3'}">${badges}</div>
    <div class="flex min-w-0 flex-1 flex-col gap-0.5 ${row ? 'p-3 sm:p-4' : 'p-4'}">
      ${ev.category ? html`<p class="text-xs font-semibold uppercase tracking-wide text-brand-700">${categoryLabel(ev.category)}</p>` : nothing}
      <h3 class="font-semibold leading-snug text-slate-900">
        <a href="/events/${ev.slug}" class="after:absolute after:inset-0 focus:outline-none focus-visible:underline">${ev.title}</a>
      </h3>
      <p class="text-sm text-slate-600">
        <time datetime=${ev.start_time || ''}>${formatDateTime(ev.start_time)}</time>
      </p>
      ${ev.location ? html`<p class="truncate text-sm text-slate-500">${ev.location}</p>` : nothing}
      <p class="mt-auto pt-1.5 text-sm text-slate-700">${priceFrom(ev)}</p>
    </div>
  </article>`;
}

// A small date tile ("25/12") for lists.
export function dateTile(iso) {
  return html`<span class="flex h-12 w-12 shrink-0 flex-col items-center justify-center rounded-lg bg-brand-50 text-brand-700">
    <span class="text-sm font-bold">${formatDayMonth(iso)}</span>
  </span>`;
}

const kOrderColors = { pending: 'amber', paid: 'green', cancelled: 'slate', refunded: 'blue' };
export function orderStatusBadge(status) {
  return html`<span class="shrink-0 whitespace-nowrap">${badge(b.order.status[status] || status, kOrderColors[status])}</span>`;
}

const kTicketColors = { valid: 'green', used: 'slate', cancelled: 'red' };
export function ticketStatusBadge(status) {
  return html`<span class="shrink-0 whitespace-nowrap">${badge(b.wallet.status[status] || status, kTicketColors[status])}</span>`;
}

// "Thử nghiệm" on what was paid through the sandbox provider (is_test).
export function testBadge(item) {
  if (!item?.is_test) return nothing;
  return html`<span class="badge shrink-0 whitespace-nowrap bg-purple-100 text-purple-800" title=${b.test.hint}>${b.test.badge}</span>`;
}

export function ticketCount(order) {
  return (order.items || []).reduce((n, i) => n + Number(i.quantity || 0), 0);
}

// The short, readable part of an id shown to people: its last 8 hex digits
// (the random part; a UUID v7 starts with the time, shared by an on-sale's orders).
export function shortId(id) {
  return String(id || '').replace(/-/g, '').slice(-8).toUpperCase();
}

export function sectionTitle(text, action = nothing) {
  return html`<div class="mb-3 mt-8 flex items-end justify-between gap-3">
    <h2 class="text-lg font-bold tracking-tight text-slate-900">${text}</h2>
    ${action}
  </div>`;
}

// Small line icons (no emoji: not every phone or kiosk has an emoji font).
const kIcons = {
  calendar: 'M8 2v4M16 2v4M3 10h18M5 4h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z',
  pin: 'M12 22s7-6.2 7-12a7 7 0 1 0-14 0c0 5.8 7 12 7 12zM12 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z',
  ticket: 'M3 8a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v2a2 2 0 0 0 0 4v2a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-2a2 2 0 0 0 0-4zM14 6v12',
  gift: 'M20 12v9H4v-9M2 7h20v5H2zM12 21V7M12 7H7.5a2.5 2.5 0 1 1 0-5C11 2 12 7 12 7zM12 7h4.5a2.5 2.5 0 1 0 0-5C13 2 12 7 12 7z',
  bell: 'M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 0 1-3.4 0',
  info: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM12 16v-4M12 8h.01',
  lock: 'M5 11h14v10H5zM8 11V7a4 4 0 0 1 8 0v4',
};
export function icon(name, cls = 'h-5 w-5') {
  return html`<svg viewBox="0 0 24 24" class=${cls} fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d=${kIcons[name] || kIcons.info}></path></svg>`;
}

// A paged list of mine (orders, notifications): `load()` fetches the current
// page (showing a spinner meanwhile), `go(page)` moves to another one and scrolls
// up, `onData(response)` reads extra fields of the envelope, and `url(page)`,
// when given, keeps the page in the address bar.
export function pagedList({ path, limit, page = 1, draw, onData, url }) {
  const s = { page, items: null, pagination: null, error: null };
  s.load = async () => {
    s.error = null;
    s.items = null;
    draw();
    try {
      const r = await api.get(path, { page: s.page, limit });
      s.items = r.data || [];
      s.pagination = r.pagination;
      onData?.(r);
    } catch (err) {
      s.error = err;
    }
    draw();
  };
  s.go = (p) => {
    s.page = p;
    if (url) history.replaceState(null, '', url(p));
    s.load();
    window.scrollTo({ top: 0 });
  };
  return s;
}

// The body of a paged list: the error with a retry, a spinner, `empty`, or
// `list(items)` and the pager.
export function pagedBody(s, { empty, list }) {
  if (s.error) return errorBox(s.error, s.load);
  if (!s.items) return spinner();
  if (!s.items.length) return empty;
  return html`${list(s.items)}${pager(s.pagination, s.go)}`;
}

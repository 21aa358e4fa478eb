// The wallet: my tickets (GET /api/users/tickets?status=), grouped upcoming /
// past by the event's time, each with a QR code big enough for a door scanner
// at arm's length (fetched with the bearer token, shown through a blob URL),
// the code as selectable text, the event and the ticket type.
import { html, render, nothing, spinner, errorBox, emptyState } from '../ui/components.js';
import { api } from '../api.js';
import { b } from '../i18n/buyer.js';
import { formatDateTime } from '../format.js';
import { ticketStatusBadge, sectionTitle, testBadge } from '../ui/buyer_parts.js';
import { s, seatLine } from '../i18n/seats.js';

const kFilters = ['all', 'valid', 'used', 'cancelled'];

export async function mount(el, ctx) {
  ctx.setTitle(b.wallet.title);
  const initial = ctx.query.get('status');
  const state = { filter: kFilters.includes(initial) ? initial : 'all', tickets: null, error: null };
  const qr = new Map(); // ticket id → blob URL | 'error' | 'loading'
  let seq = 0;
  let alive = true;

  async function loadQr(t) {
    if (qr.has(t.id)) return;
    qr.set(t.id, 'loading');
    try {
      const res = await api.request('GET', `/users/tickets/${encodeURIComponent(t.id)}/qr.svg`, { headers: { Accept: 'image/svg+xml' } });
      if (!res.ok) throw new Error(String(res.status));
      const blob = await res.blob();
      const url = URL.createObjectURL(blob.type ? blob : new Blob([blob], { type: 'image/svg+xml' }));
      if (!alive) return URL.revokeObjectURL(url);
      qr.set(t.id, url);
    } catch {
      qr.set(t.id, 'error');
    }
    draw();
  }

  const qrBlock = (t) => {
    const src = qr.get(t.id);
    const dim = t.status !== 'valid';
    return html`<div class="mx-auto w-72 max-w-full rounded-xl bg-white p-3 ring-1 ring-slate-200 ${dim ? 'opacity-40 grayscale' : ''}">
      ${src && src !== 'loading' && src !== 'error'
        ? html`<img src=${src} alt=${b.wallet.qrAlt(t.ticket_code)} class="aspect-square w-full [image-rendering:pixelated]" width="264" height="264" />`
        : src === 'error'
          ? html`<div class="flex aspect-square w-full items-center justify-center text-center text-sm text-slate-500">${b.wallet.qrFailed}</div>`
          : html`<div class="aspect-square w-full animate-pulse rounded bg-slate-100" aria-hidden="true"></div>`}
    </div>`;
  };

  const ticketCard = (t) => {
    const ev = t.event || {};
    return html`<li class="card overflow-hidden">
      <div class="flex items-start justify-between gap-3 border-b border-dashed border-slate-200 p-4">
        <div class="min-w-0">
          <h3 class="font-semibold leading-snug text-slate-900"><a href="/events/${ev.slug}" class="hover:underline">${ev.title}</a></h3>
          <p class="mt-0.5 text-sm text-slate-600"><time datetime=${ev.start_time || ''}>${formatDateTime(ev.start_time)}</time></p>
          ${ev.location ? html`<p class="text-sm text-slate-500">${ev.location}</p>` : nothing}
        </div>
        <span class="flex shrink-0 flex-col items-end gap-1">${ticketStatusBadge(t.status)}${testBadge(t)}</span>
      </div>
      <div class="p-4">
        ${qrBlock(t)}
        <dl class="mt-3 space-y-2 text-center">
          <div><dt class="text-xs text-slate-500">${b.wallet.code}</dt>
            <dd class="select-all break-all font-mono text-base font-bold tracking-wider text-slate-900">${t.ticket_code}</dd></div>
          <div><dt class="text-xs text-slate-500">${b.wallet.type}</dt>
            <dd class="font-semibold text-slate-800">${t.ticket_type?.name || ''}</dd></div>
          ${t.seat
            ? html`<div><dt class="text-xs text-slate-500">${s.seat}</dt>
                <dd class="text-lg font-bold text-slate-900">${seatLine(t.seat)}</dd></div>`
            : nothing}
        </dl>
        ${t.used_at ? html`<p class="mt-2 text-center text-xs text-slate-500">${b.wallet.usedAt(formatDateTime(t.used_at))}</p>` : nothing}
      </div>
    </li>`;
  };

  const group = (title, list) =>
    list.length
      ? html`<section aria-label=${title}>
          ${sectionTitle(html`${title} <span class="ml-1 text-sm font-medium text-slate-500">(${b.wallet.count(list.length)})</span>`)}
          <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">${list.map(ticketCard)}</ul>
        </section>`
      : nothing;

  function content() {
    if (state.error) return errorBox(state.error, load);
    if (!state.tickets) return spinner();
    if (!state.tickets.length) {
      return html`<div class="mt-6">${emptyState(state.filter === 'all' ? b.wallet.none : b.wallet.noneFiltered)}
        ${state.filter === 'all' ? html`<p class="mt-4 text-center"><a href="/events" class="btn-primary">${b.wallet.browse}</a></p>` : nothing}</div>`;
    }
    const now = Date.now();
    const ends = (t) => new Date(t.event?.end_time || t.event?.start_time || 0).getTime();
    const upcoming = state.tickets.filter((t) => ends(t) >= now);
    const past = state.tickets.filter((t) => ends(t) < now).reverse();
    return html`${group(b.wallet.upcoming, upcoming)}${group(b.wallet.past, past)}`;
  }

  const setFilter = (f) => {
    if (f === state.filter) return;
    state.filter = f;
    history.replaceState(null, '', f === 'all' ? '/wallet' : `/wallet?status=${f}`);
    load();
  };

  function draw() {
    render(
      html`<div class="flex flex-wrap items-center justify-between gap-3">
          <h1 class="text-2xl font-bold tracking-tight focus:outline-none" tabindex="-1">${b.wallet.title}</h1>
          <div class="flex gap-2">
            <a href="/orders" class="btn-secondary">${b.wallet.orders}</a>
            <a href="/profile" class="btn-ghost md:hidden">${b.wallet.account}</a>
          </div>
        </div>
        <p class="mt-2 text-sm text-slate-600">${b.wallet.lead}</p>
        <div class="mt-4 flex flex-wrap gap-2" role="group" aria-label=${b.wallet.filterLabel}>
          ${kFilters.map(
            (f) => html`<button type="button" aria-pressed=${f === state.filter ? 'true' : 'false'} @click=${() => setFilter(f)}
              class="whitespace-nowrap rounded-full px-3.5 py-2 text-sm font-medium ring-1 transition ${f === state.filter ? 'bg-brand-600 text-white ring-brand-600' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'}">${b.wallet.filters[f]}</button>`,
          )}
        </div>
        <p class="sr-only" aria-live="polite">${state.tickets ? b.wallet.count(state.tickets.length) : ''}</p>
        <div>${content()}</div>`,
      el,
    );
  }

  async function load() {
    const mine = ++seq;
    state.error = null;
    state.tickets = null;
    draw();
    try {
      const { data } = await api.get('/users/tickets', { status: state.filter === 'all' ? '' : state.filter, limit: 100 });
      if (mine !== seq || !alive) return;
      state.tickets = data || [];
      draw();
      await Promise.all(state.tickets.map(loadQr));
    } catch (err) {
      if (mine !== seq || !alive) return;
      state.error = err;
      draw();
    }
  }

  draw();
  load();
  return () => {
    alive = false;
    for (const url of qr.values()) if (url.startsWith('blob:')) URL.revokeObjectURL(url);
    qr.clear();
  };
}

// My orders, newest first (GET /api/orders, paged), each leading to its page.
import { html, render, spinner, errorBox, emptyState, pager, nothing } from '../ui/components.js';
import { api } from '../api.js';
import { b } from '../i18n/buyer.js';
import { money, formatDateTime } from '../format.js';
import { orderStatusBadge, shortId, ticketCount } from '../ui/buyer_parts.js';

const kPageSize = 10;

export async function mount(el, ctx) {
  ctx.setTitle(b.order.history);
  const state = { page: Math.max(1, Number(ctx.query.get('page')) || 1), items: null, pagination: null, error: null };

  const row = (o) => {
    const events = [...new Set((o.items || []).map((i) => i.event_title))];
    return html`<li class="card relative p-4 transition hover:shadow-md">
      <div class="flex items-start justify-between gap-3">
        <div class="min-w-0">
          <h2 class="truncate font-semibold text-slate-900">
            <a href="/orders/${o.id}" class="after:absolute after:inset-0 focus:outline-none focus-visible:underline">${events.join(', ') || b.order.titleShort(shortId(o.id))}</a>
          </h2>
          <p class="mt-0.5 text-sm text-slate-500">#${shortId(o.id)} · ${formatDateTime(o.created_at)}</p>
        </div>
        ${orderStatusBadge(o.status)}
      </div>
      <div class="mt-3 flex items-center justify-between text-sm">
        <span class="text-slate-600">${b.order.ticketCount(ticketCount(o))}</span>
        <span class="font-bold tabular-nums text-slate-900">${money(o.total_amount)}</span>
      </div>
    </li>`;
  };

  function content() {
    if (state.error) return errorBox(state.error, load);
    if (!state.items) return spinner();
    if (!state.items.length)
      return html`${emptyState(b.order.noOrders)}<p class="mt-4 text-center"><a href="/events" class="btn-primary">${b.order.browse}</a></p>`;
    return html`<ul class="grid gap-3 md:grid-cols-2">${state.items.map(row)}</ul>${pager(state.pagination, go)}`;
  }

  function go(page) {
    state.page = page;
    history.replaceState(null, '', page > 1 ? `/orders?page=${page}` : '/orders');
    load();
    window.scrollTo({ top: 0 });
  }

  function draw() {
    render(
      html`<nav class="mb-3 text-sm"><a href="/wallet" class="link">← ${b.wallet.title}</a></nav>
        <h1 class="mb-4 text-2xl font-bold tracking-tight focus:outline-none" tabindex="-1">${b.order.history}</h1>
        ${content()}`,
      el,
    );
  }

  async function load() {
    state.error = null;
    state.items = null;
    draw();
    try {
      const r = await api.get('/orders', { page: state.page, limit: kPageSize });
      state.items = r.data || [];
      state.pagination = r.pagination;
    } catch (err) {
      state.error = err;
    }
    draw();
  }

  await load();
}

// My orders, newest first (GET /api/orders, paged), each leading to its page.
import { html, render, emptyState } from '../ui/components.js';
import { b } from '../i18n/buyer.js';
import { money, formatDateTime } from '../format.js';
import { orderStatusBadge, testBadge, shortId, ticketCount, pagedList, pagedBody } from '../ui/buyer_parts.js';

const kPageSize = 10;

export async function mount(el, ctx) {
  ctx.setTitle(b.order.history);
  const state = pagedList({
    path: '/orders',
    limit: kPageSize,
    page: Math.max(1, Number(ctx.query.get('page')) || 1),
    draw: () => draw(),
    url: (page) => (page > 1 ? `/orders?page=${page}` : '/orders'),
  });

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
        <span class="flex shrink-0 flex-col items-end gap-1">${orderStatusBadge(o.status)}${testBadge(o)}</span>
      </div>
      <div class="mt-3 flex items-center justify-between text-sm">
        <span class="text-slate-600">${b.order.ticketCount(ticketCount(o))}</span>
        <span class="font-bold tabular-nums text-slate-900">${money(o.total_amount)}</span>
      </div>
    </li>`;
  };

  const content = () =>
    pagedBody(state, {
      empty: html`${emptyState(b.order.noOrders)}<p class="mt-4 text-center"><a href="/events" class="btn-primary">${b.order.browse}</a></p>`,
      list: (items) => html`<ul class="grid gap-3 md:grid-cols-2">${items.map(row)}</ul>`,
    });

  function draw() {
    render(
      html`<nav class="mb-3 text-sm"><a href="/wallet" class="link">← ${b.wallet.title}</a></nav>
        <h1 class="mb-4 text-2xl font-bold tracking-tight focus:outline-none" tabindex="-1">${b.order.history}</h1>
        ${content()}`,
      el,
    );
  }

  await state.load();
}

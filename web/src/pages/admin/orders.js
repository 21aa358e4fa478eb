// Every order, newest first: search by buyer (name or email), status and event.
import { html, render, nothing, pageTitle, badge } from '../../ui/components.js';
import { money, formatDateTime } from '../../format.js';
import { ta } from '../../i18n/admin.js';
import { td, orderBadge, testBadge, shortId, eventOptions, listController, filterForm, textFilter, selectFilter, listBody } from '../../ui/admin_common.js';

const T = ta.orders;

export async function mount(el, ctx) {
  ctx.setTitle(T.title);
  const c = listController({ ctx, path: '/admin/orders', filters: { user: '', status: '', event_id: '' }, draw: () => draw() });
  let events = [];

  const filters = () =>
    filterForm(
      c,
      { label: T.title, grid: 'sm:grid-cols-2 lg:grid-cols-[2fr_1fr_2fr_auto] lg:items-end', apply: T.apply },
      html`${textFilter(c, { id: 'ord-user', name: 'user', label: T.search, type: 'search' })}
        ${selectFilter(c, { id: 'ord-status', name: 'status', label: T.status, options: Object.entries(ta.orderStatus) })}
        ${selectFilter(c, { id: 'ord-event', name: 'event_id', label: T.event, all: T.allEvents, options: events.map((e) => [e.id, e.title]) })}`,
    );

  const eventsOf = (o) => [...new Set((o.items || []).map((i) => i.event_title))].join(', ');
  const row = (o) => html`<tr>
    ${td(html`<a class="link font-mono" href="/admin/orders/${o.id}" aria-label=${T.openOf(shortId(o.id))}>#${shortId(o.id)}</a>`)}
    ${td(html`<span class="font-medium">${o.buyer?.full_name || '—'}</span><p class="text-xs text-slate-500">${o.buyer?.email}</p>`)}
    ${td(eventsOf(o))}
    ${td(money(o.total_amount), 'whitespace-nowrap')}
    ${td(html`<span class="flex flex-wrap gap-1">${orderBadge(o.status)}${o.refund_required ? badge(T.refundRequired, 'amber') : nothing}${testBadge(o)}</span>`)}
    ${td(formatDateTime(o.created_at), 'whitespace-nowrap')}
    ${td(html`<a class="btn-secondary" href="/admin/orders/${o.id}" aria-label=${T.openOf(shortId(o.id))}>${T.open}</a>`)}
  </tr>`;

  const draw = () =>
    render(
      html`${pageTitle(T.title)}${filters()}${listBody(c, {
        empty: T.empty,
        head: [T.colOrder, T.colBuyer, T.colEvent, T.colTotal, T.colStatus, T.colTime, ''],
        row,
      })}`,
      el,
    );

  eventOptions()
    .then((e) => {
      events = e;
      draw();
    })
    .catch(() => {});
  await c.load();
}

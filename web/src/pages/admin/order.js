// One order for the organiser: buyer, lines, tickets, and the refund (with a
// reason, and "force" when some tickets were already checked in).
import { html, render, nothing, spinner, errorBox, emptyState, toast, badge, field } from '../../ui/components.js';
import { api } from '../../api.js';
import { money, number, formatDateTime } from '../../format.js';
import { ta } from '../../i18n/admin.js';
import { seatLine, seatName } from '../../i18n/seats.js';
import { dataTable, td, orderBadge, testBadge, ticketBadge, shortId, alertBox, formDialog } from '../../ui/admin_common.js';

const T = ta.order;

export async function mount(el, ctx) {
  const id = ctx.params.id;
  ctx.setTitle(T.title(shortId(id)));
  let order = null;
  let loadError = null;
  let notice = null;
  let lastReason = '';
  let needForce = false;

  const refundable = (o) => o.status === 'paid' || (o.status === 'cancelled' && o.refund_required);

  async function refund() {
    notice = null;
    const hasUsed = (order.tickets || []).some((x) => x.status === 'used');
    const state = { reason: lastReason, force: needForce || false };
    const result = await formDialog({
      title: T.refundTitle,
      submitLabel: T.refund,
      danger: true,
      body: () => html`<p class="text-sm text-slate-600">${T.refundBody(money(order.total_amount))}</p>
        ${hasUsed && !needForce ? alertBox(ta.order.usedWarning) : nothing}
        ${field({
          id: 'refund-reason',
          label: T.reason,
          hint: T.reasonHint,
          control: html`<textarea id="refund-reason" name="reason" rows="3" maxlength="500" class="input" aria-describedby="refund-reason-hint"
            .value=${state.reason} @input=${(e) => (state.reason = e.target.value)}></textarea>`,
        })}
        <div class="flex items-center gap-2">
          <input id="refund-force" name="force" type="checkbox" class="h-4 w-4 rounded border-slate-300" .checked=${state.force}
            @change=${(e) => (state.force = e.target.checked)} />
          <label for="refund-force" class="text-sm text-slate-700">${T.force}</label>
        </div>`,
      onSubmit: async () => {
        lastReason = state.reason;
        try {
          const { data } = await api.post(`/admin/orders/${id}/refund`, { force: state.force, reason: state.reason.trim() || undefined });
          return data;
        } catch (err) {
          if (err.code === 'TICKET_ALREADY_USED') needForce = true;
          throw err;
        }
      },
    });
    if (result) {
      order = result;
      needForce = false;
      toast(T.refunded);
      notice = { kind: 'ok', text: T.refunded };
    }
    draw();
  }

  function draw() {
    if (loadError) return render(html`<a class="link text-sm" href="/admin/orders">${T.back}</a><div class="mt-4">${errorBox(loadError, load)}</div>`, el);
    if (!order) return render(spinner(), el);
    const o = order;
    const dl = (k, v) => html`<div class="flex justify-between gap-4 py-1.5"><dt class="text-slate-500">${k}</dt><dd class="text-right font-medium">${v}</dd></div>`;
    render(
      html`<a class="link text-sm" href="/admin/orders">${T.back}</a>
        <div class="mb-6 mt-3 flex flex-wrap items-center justify-between gap-3">
          <h1 class="flex flex-wrap items-center gap-3 text-2xl font-bold tracking-tight" tabindex="-1">
            <span>${T.title(`#${shortId(o.id)}`)}</span> ${orderBadge(o.status)}
            ${o.refund_required ? badge(ta.orders.refundRequired, 'amber') : nothing}
            ${testBadge(o)}
          </h1>
          ${refundable(o) ? html`<button type="button" class="btn-danger" @click=${refund}>${T.refund}</button>` : nothing}
        </div>
        <div aria-live="polite">${notice ? alertBox(notice.text, notice.kind) : nothing}</div>
        ${o.refund_required ? alertBox(T.refundRequired) : nothing}
        <div class="grid gap-6 lg:grid-cols-2">
          <section class="card p-4" aria-labelledby="sum-h">
            <h2 id="sum-h" class="text-lg font-semibold">${T.summary}</h2>
            <dl class="mt-2 divide-y divide-slate-100 text-sm">
              ${dl(T.status, ta.orderStatus[o.status] || o.status)}
              ${dl(T.total, money(o.total_amount))}
              ${dl(T.created, formatDateTime(o.created_at))}
              ${o.paid_at ? dl(T.paidAt, formatDateTime(o.paid_at)) : nothing}
              ${o.payment_method ? dl(T.method, o.payment_method) : nothing}
              ${o.payment_transaction_id ? dl(T.transaction, html`<span class="break-all font-mono text-xs">${o.payment_transaction_id}</span>`) : nothing}
            </dl>
          </section>
          <section class="card p-4" aria-labelledby="buyer-h">
            <h2 id="buyer-h" class="text-lg font-semibold">${T.buyer}</h2>
            <p class="mt-2 font-medium">${o.buyer?.full_name || '—'}</p>
            <p class="text-sm text-slate-600">${o.buyer?.email}</p>
            <a class="link mt-2 inline-block text-sm" href="/admin/orders?user=${encodeURIComponent(o.buyer?.email || '')}">${T.otherOrders}</a>
          </section>
        </div>
        <section class="mt-6" aria-labelledby="items-h">
          <h2 id="items-h" class="mb-3 text-lg font-semibold">${T.items}</h2>
          ${dataTable(
            [T.colType, T.colEvent, T.colQty, T.colUnit, T.colSubtotal],
            (o.items || []).map(
              (i) => html`<tr>
                ${td(html`${i.ticket_type_name}${i.seats?.length ? html`<p class="text-xs text-slate-500">${i.seats.map((x) => seatName(x.row, x.number)).join(', ')}</p>` : nothing}`)}${td(html`<a class="link" href="/admin/events/${i.event_id}">${i.event_title}</a>`)}${td(number(i.quantity))}${td(money(i.unit_price), 'whitespace-nowrap')}${td(money(i.subtotal), 'whitespace-nowrap')}
              </tr>`,
            ),
          )}
        </section>
        <section class="mt-6" aria-labelledby="tickets-h">
          <h2 id="tickets-h" class="mb-3 text-lg font-semibold">${T.tickets}</h2>
          ${o.tickets?.length
            ? dataTable(
                [T.colCode, T.colType, ...(o.tickets.some((x) => x.seat) ? [T.colSeat] : []), T.colStatus, T.colUsed, T.colPrice],
                o.tickets.map((x, _, all) => {
                  const typeName = (o.items || []).find((i) => i.ticket_type_id === x.ticket_type_id)?.ticket_type_name || '';
                  return html`<tr>
                    ${td(html`<span class="font-mono">${x.ticket_code}</span>`)}${td(typeName)}${all.some((y) => y.seat) ? td(x.seat ? seatLine(x.seat) : '—', 'whitespace-nowrap') : nothing}${td(ticketBadge(x.status))}${td(x.used_at ? formatDateTime(x.used_at) : '—')}${td(money(x.price_at_purchase), 'whitespace-nowrap')}
                  </tr>`;
                }),
              )
            : emptyState(T.noTickets)}
        </section>`,
      el,
    );
  }

  async function load() {
    loadError = null;
    draw();
    try {
      order = (await api.get(`/admin/orders/${id}`)).data;
    } catch (err) {
      loadError = err;
    }
    draw();
  }
  await load();
}

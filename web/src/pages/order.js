// One order (GET /api/orders/:id → {order, payment, tickets}): its items and
// total; while pending, the hold's live countdown, "Thanh toán" (on to
// payment.url) and "Huỷ đơn"; once paid, its tickets and the way to the wallet.
import { html, render, nothing, spinner, errorBox, toast, confirmDialog } from '../ui/components.js';
import { api } from '../api.js';
import { b } from '../i18n/buyer.js';
import { money, formatDateTime, countdown } from '../format.js';
import { orderStatusBadge, ticketStatusBadge, shortId, testBadge } from '../ui/buyer_parts.js';
import { s, seatLine, seatName } from '../i18n/seats.js';
import { refreshUnread } from '../ui/layout.js';

// The sandbox's payment page is a page of this app: stay inside it (the
// configured public URL may name another host or port than this one).
export function goToPayment(url, navigate) {
  let u;
  try {
    u = new URL(url, location.href);
  } catch {
    return;
  }
  if (u.pathname.startsWith('/checkout/sandbox/')) navigate(u.pathname + u.search);
  else location.assign(u.href);
}

export async function mount(el, ctx) {
  const id = ctx.params.id;
  ctx.setTitle(b.order.titleShort(shortId(id)));
  const state = { data: null, error: null, busy: false, actionError: null };
  let tick = null;
  let reloading = false;

  function stopTimer() {
    clearInterval(tick);
    tick = null;
  }

  function startTimer() {
    stopTimer();
    const o = state.data?.order;
    if (!o || o.status !== 'pending' || !o.expires_at) return;
    tick = setInterval(() => {
      const timer = el.querySelector('[data-hold-timer]');
      const left = new Date(o.expires_at).getTime() - Date.now();
      if (timer) timer.textContent = countdown(o.expires_at);
      if (left <= 0 && !reloading) {
        // The hold ran out: the server releases it when we read the order.
        reloading = true;
        stopTimer();
        setTimeout(() => load().finally(() => (reloading = false)), 1500);
        draw();
      }
    }, 1000);
  }

  async function cancel() {
    const ok = await confirmDialog({ title: b.order.cancelTitle, body: b.order.cancelBody, confirmLabel: b.order.cancelConfirm, danger: true });
    if (!ok) return;
    state.busy = true;
    state.actionError = null;
    draw();
    try {
      const { data } = await api.post(`/orders/${encodeURIComponent(id)}/cancel`, {});
      state.data = data;
      stopTimer();
      toast(b.order.cancelled);
      refreshUnread();
    } catch (err) {
      state.actionError = err.text;
      if (err.code === 'ORDER_NOT_CANCELLABLE') await load({ quiet: true });
    }
    state.busy = false;
    draw();
  }

  const holdPanel = (o, payment) => {
    const expired = o.expires_at && new Date(o.expires_at).getTime() <= Date.now();
    return html`<section class="card border-amber-200 bg-amber-50/60 p-4 sm:p-5" aria-labelledby="hold-heading">
      <h2 id="hold-heading" class="sr-only">${b.order.holdTimer}</h2>
      ${expired
        ? html`<p class="text-sm font-medium text-amber-900" role="status">${b.order.holdExpired}</p>`
        : html`<p class="text-sm text-amber-900">${b.order.holdLead}</p>
            <p class="mt-2 text-4xl font-extrabold tabular-nums tracking-tight text-amber-900">
              <span role="timer" aria-label=${b.order.holdTimer} data-hold-timer>${countdown(o.expires_at)}</span>
            </p>`}
      <div class="mt-4 flex flex-col gap-2 sm:flex-row">
        ${payment?.url && !expired
          ? html`<button type="button" class="btn-primary h-12 flex-1 text-base" ?disabled=${state.busy} @click=${() => goToPayment(payment.url, ctx.navigate)}>${b.order.pay} ${money(o.total_amount)}</button>`
          : nothing}
        <button type="button" class="btn-secondary h-12 sm:w-40" ?disabled=${state.busy} @click=${cancel}>${b.order.cancel}</button>
      </div>
    </section>`;
  };

  const ticketList = (o, tickets) => {
    const names = new Map((o.items || []).map((i) => [i.ticket_type_id, i]));
    return html`<section class="card p-4 sm:p-5" aria-labelledby="order-tickets">
      <div class="flex items-center justify-between gap-3">
        <h2 id="order-tickets" class="text-lg font-bold">${b.order.tickets}</h2>
        <a href="/wallet" class="btn-primary">${b.order.toWallet}</a>
      </div>
      <ul class="mt-3 divide-y divide-slate-100">
        ${tickets.map((t) => {
          const item = names.get(t.ticket_type_id);
          return html`<li class="flex items-center justify-between gap-3 py-3">
            <div class="min-w-0">
              <p class="font-medium text-slate-900">${item?.ticket_type_name || ''}</p>
              <p class="truncate text-sm text-slate-500">${item?.event_title || ''}</p>
              ${t.seat ? html`<p class="mt-0.5 text-sm font-semibold text-slate-800"><span class="sr-only">${s.seat}: </span>${seatLine(t.seat)}</p>` : nothing}
              <p class="mt-1 select-all break-all font-mono text-sm tracking-wider text-slate-800">${t.ticket_code}</p>
            </div>
            ${ticketStatusBadge(t.status)}
          </li>`;
        })}
      </ul>
    </section>`;
  };

  function statusLead(o) {
    if (o.status === 'paid') return html`<p class="rounded-lg bg-green-50 p-3 text-sm font-medium text-green-800" role="status">${b.order.paidLead}</p>`;
    if (o.status === 'cancelled')
      return html`<p class="rounded-lg bg-slate-100 p-3 text-sm text-slate-700" role="status">${o.refund_required ? b.order.refundRequired : b.order.cancelledLead}</p>`;
    if (o.status === 'refunded') return html`<p class="rounded-lg bg-blue-50 p-3 text-sm text-blue-800" role="status">${b.order.refundedLead}</p>`;
    return nothing;
  }

  function draw() {
    if (state.error) return render(errorBox(state.error, () => load()), el);
    if (!state.data) return render(spinner(), el);
    const { order: o, payment, tickets = [] } = state.data;
    render(
      html`<nav class="mb-3 text-sm"><a href="/orders" class="link">← ${b.order.history}</a></nav>
        <div class="mb-4 flex flex-wrap items-center gap-3">
          <h1 class="text-2xl font-bold tracking-tight focus:outline-none" tabindex="-1">${b.order.titleShort(shortId(o.id))}</h1>
          <span aria-live="polite">${orderStatusBadge(o.status)}</span>
          ${testBadge(o)}
        </div>
        <div class="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
          <div class="min-w-0 space-y-4">
            ${statusLead(o)}
            <div aria-live="assertive">${state.actionError ? html`<p class="rounded-lg bg-red-50 p-3 text-sm text-red-800" role="alert">${state.actionError}</p>` : nothing}</div>
            ${o.status === 'pending' ? holdPanel(o, payment) : nothing}
            ${tickets.length ? ticketList(o, tickets) : nothing}
          </div>
          <section class="card min-w-0 p-4 sm:p-5" aria-labelledby="order-items">
            <h2 id="order-items" class="text-lg font-bold">${b.order.items}</h2>
            <ul class="mt-2 divide-y divide-slate-100">
              ${(o.items || []).map(
                (i) => html`<li class="flex justify-between gap-3 py-3 text-sm">
                  <div class="min-w-0">
                    <p class="font-medium text-slate-900">${i.ticket_type_name} × ${i.quantity}</p>
                    <p class="truncate text-slate-500">${i.event_title}</p>
                    ${i.seats?.length ? html`<p class="text-slate-700"><span class="sr-only">${s.seat}: </span>${i.seats.map((x) => seatName(x.row, x.number)).join(', ')}</p>` : nothing}
                  </div>
                  <p class="shrink-0 tabular-nums text-slate-800">${money(i.subtotal)}</p>
                </li>`,
              )}
            </ul>
            <div class="mt-2 flex items-center justify-between border-t border-slate-200 pt-3">
              <span class="font-semibold">${b.order.total}</span>
              <span class="text-xl font-bold tabular-nums text-brand-700">${money(o.total_amount)}</span>
            </div>
            <dl class="mt-3 space-y-1 text-xs text-slate-500">
              <div class="flex justify-between"><dt>${b.order.createdAt}</dt><dd>${formatDateTime(o.created_at)}</dd></div>
              ${o.paid_at ? html`<div class="flex justify-between"><dt>${b.order.paidAt}</dt><dd>${formatDateTime(o.paid_at)}</dd></div>` : nothing}
            </dl>
          </section>
        </div>`,
      el,
    );
  }

  async function load({ quiet = false } = {}) {
    if (!quiet) {
      state.error = null;
      draw();
    }
    try {
      const { data } = await api.get(`/orders/${encodeURIComponent(id)}`);
      state.data = data;
    } catch (err) {
      state.error = err;
    }
    draw();
    startTimer();
  }

  await load();
  return stopTimer;
}

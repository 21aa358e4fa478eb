// One event at /events/<slug>: banner, the organiser's (server-sanitised) HTML,
// every ticket type with its price and availability, quantity pickers, the
// total and Buy. Checkout sends one Idempotency-Key per selection, so a double
// click or a retry after a network error makes one order. A seated event shows
// its seat map instead of the quantity pickers (event_seated.js).
import { html, render, nothing, spinner, errorBox, toast } from '../ui/components.js';
import { unsafeHTML } from 'lit-html/directives/unsafe-html.js';
import { api, newIdempotencyKey } from '../api.js';
import { isLoggedIn } from '../session.js';
import { loginUrl } from '../router.js';
import { b, categoryLabel } from '../i18n/buyer.js';
import { money, formatDateTime } from '../format.js';
import { eventImage, icon } from '../ui/buyer_parts.js';
import { isSeated, seatedCheckout } from './event_seated.js';

const kMaxPerOrder = 10;
const kFewLeft = 20;
const kDraftKey = 'evient.buyer.selection';

const isSoldOut = (tt) => tt.status === 'sold_out' || Number(tt.quantity_sold) >= Number(tt.quantity_total);
const maxFor = (tt) => (isSoldOut(tt) ? 0 : Math.max(0, Math.min(kMaxPerOrder, Number(tt.available ?? tt.quantity_total - tt.quantity_sold))));

// The selection survives the trip through the login page.
function saveDraft(slug, qty) {
  try {
    sessionStorage.setItem(kDraftKey, JSON.stringify({ slug, qty }));
  } catch {
    // Private mode: the buyer picks again.
  }
}
function takeDraft(slug) {
  try {
    const d = JSON.parse(sessionStorage.getItem(kDraftKey) || 'null');
    sessionStorage.removeItem(kDraftKey);
    return d && d.slug === slug ? d.qty || {} : {};
  } catch {
    return {};
  }
}

// Styles for the organiser's HTML (no typography plugin: arbitrary variants).
const kProse =
  'text-slate-700 leading-relaxed [&_p]:mb-3 [&_h2]:mb-2 [&_h2]:mt-6 [&_h2]:text-lg [&_h2]:font-bold [&_h2]:text-slate-900 [&_h3]:mb-2 [&_h3]:mt-4 [&_h3]:font-semibold [&_h3]:text-slate-900 [&_ul]:mb-3 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:mb-3 [&_ol]:list-decimal [&_ol]:pl-6 [&_li]:mb-1 [&_a]:font-medium [&_a]:text-brand-700 [&_a]:underline [&_strong]:font-semibold [&_strong]:text-slate-900 [&_img]:my-3 [&_img]:rounded-lg [&_blockquote]:border-l-4 [&_blockquote]:border-slate-200 [&_blockquote]:pl-4 [&_blockquote]:italic';

export async function mount(el, ctx) {
  const slug = ctx.params.slug;
  const state = { event: null, error: null, qty: takeDraft(slug), busy: false, buyError: null };
  let key = null;
  let keyFor = '';
  let seating = null;

  const types = () => state.event?.ticket_types || [];
  const selection = () =>
    types()
      .filter((tt) => (state.qty[tt.id] || 0) > 0)
      .map((tt) => ({ ticket_type_id: tt.id, quantity: state.qty[tt.id] }));
  const total = () => types().reduce((sum, tt) => sum + (state.qty[tt.id] || 0) * Number(tt.price), 0);
  const count = () => types().reduce((n, tt) => n + (state.qty[tt.id] || 0), 0);

  function onSale() {
    const ev = state.event;
    if (ev.status === 'cancelled') return b.event.cancelled;
    if (ev.status === 'completed' || (ev.end_time && new Date(ev.end_time) < new Date())) return b.event.ended;
    if (ev.status !== 'published') return b.event.notOnSale;
    return null;
  }

  function setQty(tt, n) {
    const v = Math.max(0, Math.min(maxFor(tt), Number.isFinite(n) ? Math.floor(n) : 0));
    state.qty = { ...state.qty, [tt.id]: v };
    state.buyError = null;
    draw();
  }

  async function buy() {
    if (state.busy) return;
    const items = selection();
    if (!items.length) {
      state.buyError = b.event.pickFirst;
      return draw();
    }
    if (!isLoggedIn()) {
      saveDraft(slug, state.qty);
      ctx.navigate(loginUrl(location.pathname));
      return;
    }
    // One key per selection: the same order however often it is retried.
    const sig = JSON.stringify(items);
    if (!key || keyFor !== sig) {
      key = newIdempotencyKey();
      keyFor = sig;
    }
    state.busy = true;
    state.buyError = null;
    draw();
    try {
      const { data } = await api.post('/orders', { ticket_items: items }, { idempotencyKey: key });
      key = null;
      ctx.navigate(`/orders/${data.order.id}`);
      return;
    } catch (err) {
      if (err.code === 'IDEMPOTENCY_KEY_REUSED') key = null;
      state.buyError = err.text;
      // Availability may have changed under us: show the current numbers.
      if (['SOLD_OUT', 'INSUFFICIENT_AVAILABILITY', 'TICKET_TYPE_NOT_FOUND', 'EVENT_NOT_ON_SALE'].includes(err.code)) {
        await refresh();
      }
    }
    state.busy = false;
    draw();
  }

  const stepper = (tt, disabled) => {
    const n = state.qty[tt.id] || 0;
    const max = maxFor(tt);
    const id = `qty-${tt.id}`;
    return html`<div class="flex items-center gap-1">
      <button type="button" class="flex h-10 w-10 items-center justify-center rounded-lg border border-slate-300 bg-white text-lg font-bold text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40"
        aria-label=${b.event.less(tt.name)} aria-controls=${id} ?disabled=${disabled || n <= 0} @click=${() => setQty(tt, n - 1)}>−</button>
      <label for=${id} class="sr-only">${b.event.quantity(tt.name)}</label>
      <input id=${id} type="number" inputmode="numeric" min="0" max=${max} .value=${String(n)} ?disabled=${disabled}
        class="h-10 w-12 rounded-lg border border-slate-300 text-center text-base font-semibold tabular-nums disabled:bg-slate-100 disabled:text-slate-400 [appearance:textfield] [&::-webkit-inner-spin-button]:appearance-none [&::-webkit-outer-spin-button]:appearance-none"
        @change=${(e) => setQty(tt, Number(e.currentTarget.value))} />
      <button type="button" class="flex h-10 w-10 items-center justify-center rounded-lg border border-slate-300 bg-white text-lg font-bold text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40"
        aria-label=${b.event.more(tt.name)} aria-controls=${id} ?disabled=${disabled || n >= max} @click=${() => setQty(tt, n + 1)}>+</button>
    </div>`;
  };

  const ticketRow = (tt, closed) => {
    const soldOut = isSoldOut(tt);
    const available = Number(tt.available ?? tt.quantity_total - tt.quantity_sold);
    const struck = tt.original_price !== null && tt.original_price !== undefined && Number(tt.original_price) > Number(tt.price);
    return html`<li class="flex flex-wrap items-center justify-between gap-3 py-4 ${soldOut ? 'opacity-70' : ''}">
      <div class="min-w-0 flex-1">
        <h3 class="font-semibold text-slate-900">${tt.name}
          ${soldOut ? html`<span class="badge ml-2 bg-slate-800 text-white">${b.event.soldOut}</span>` : nothing}</h3>
        ${tt.description ? html`<p class="text-sm text-slate-500">${tt.description}</p>` : nothing}
        <p class="mt-1 flex flex-wrap items-baseline gap-x-2">
          <span class="text-lg font-bold ${soldOut ? 'text-slate-500' : 'text-brand-700'}">${Number(tt.price) === 0 ? html`${b.card.free}` : money(tt.price)}</span>
          ${struck ? html`<s class="text-sm text-slate-400"><span class="sr-only">${b.event.originalPrice}: </span>${money(tt.original_price)}</s>` : nothing}
        </p>
        ${soldOut
          ? nothing
          : html`<p class="text-xs ${available <= kFewLeft ? 'font-semibold text-amber-700' : 'text-slate-500'}">${available <= kFewLeft ? b.event.fewLeft(available) : b.event.available(available)}</p>`}
      </div>
      ${closed ? nothing : stepper(tt, soldOut || state.busy)}
    </li>`;
  };

  function ticketsPanel() {
    const ev = state.event;
    const list = types();
    const closed = onSale();
    const allSoldOut = list.length > 0 && list.every(isSoldOut);
    const n = count();
    return html`<section class="card p-4 sm:p-5" aria-labelledby="tickets-heading">
      <h2 id="tickets-heading" class="text-lg font-bold">${b.event.tickets}</h2>
      ${closed ? html`<p class="mt-3 rounded-lg bg-slate-100 p-3 text-sm text-slate-700" role="status">${closed}</p>` : nothing}
      ${!list.length
        ? html`<p class="mt-3 text-sm text-slate-500">${b.event.noTypes}</p>`
        : html`<ul class="divide-y divide-slate-100">${list.map((tt) => ticketRow(tt, closed))}</ul>`}
      ${closed || !list.length
        ? nothing
        : html`${allSoldOut ? html`<p class="mb-2 rounded-lg bg-slate-100 p-3 text-sm font-medium text-slate-700" role="status">${b.event.allSoldOut}</p>` : nothing}
            <div class="sticky bottom-16 -mx-4 mt-2 border-t border-slate-200 bg-white px-4 pb-1 pt-3 sm:-mx-5 sm:px-5 md:bottom-0">
              <div class="flex items-center justify-between gap-3">
                <div aria-live="polite">
                  <p class="text-xs text-slate-500">${b.event.total}${n ? html` · ${b.event.ticketsCount(n)}` : nothing}</p>
                  <p class="whitespace-nowrap text-xl font-bold tabular-nums text-slate-900">${money(total())}</p>
                </div>
                <button type="button" class="btn-primary min-h-[3rem] max-w-[60%] flex-1 text-base leading-tight sm:flex-none sm:min-w-[10rem]" ?disabled=${state.busy || allSoldOut} @click=${buy}>
                  ${state.busy ? b.event.buying : isLoggedIn() ? b.event.buy : b.event.loginToBuy}
                </button>
              </div>
              <div aria-live="assertive">
                ${state.buyError ? html`<p class="mt-2 rounded-lg bg-red-50 p-3 text-sm text-red-800" role="alert">${state.buyError}</p>` : nothing}
              </div>
              <p class="mt-1 text-xs text-slate-400">${b.event.maxPerOrder(kMaxPerOrder)}</p>
            </div>`}
    </section>`;
  }

  function draw() {
    if (state.error) {
      render(html`<div class="mt-4">${errorBox(state.error, load)}</div>`, el);
      return;
    }
    const ev = state.event;
    if (!ev) {
      render(spinner(), el);
      return;
    }
    render(
      html`<nav class="mb-3 text-sm"><a href="/events" class="link">← ${b.event.backToEvents}</a></nav>
        <div class="-mx-4 sm:mx-0">${eventImage(ev.banner_image || ev.thumbnail_image, { ratio: 'aspect-[3/1] min-h-[8rem] w-full', rounded: 'sm:rounded-2xl' })}</div>
        <div class="mt-5 grid gap-6 ${seating ? 'grid-cols-[minmax(0,1fr)]' : 'lg:grid-cols-[minmax(0,1fr)_24rem] lg:items-start'}">
          <div class="min-w-0">
            ${ev.category ? html`<p class="text-xs font-semibold uppercase tracking-wide text-brand-700">${categoryLabel(ev.category)}</p>` : nothing}
            <h1 class="mt-1 text-2xl font-extrabold tracking-tight text-slate-900 sm:text-3xl focus:outline-none" tabindex="-1">${ev.title}</h1>
            <dl class="mt-4 grid gap-3 text-sm sm:grid-cols-2">
              <div class="flex gap-3 rounded-xl bg-white p-3 ring-1 ring-slate-200">
                <span class="text-brand-600">${icon('calendar')}</span>
                <div><dt class="text-xs text-slate-500">${b.event.when}</dt>
                  <dd class="font-medium text-slate-800"><time datetime=${ev.start_time || ''}>${formatDateTime(ev.start_time)}</time>${ev.end_time ? html`<span class="block text-slate-500">→ ${formatDateTime(ev.end_time)}</span>` : nothing}</dd></div>
              </div>
              ${ev.location
                ? html`<div class="flex gap-3 rounded-xl bg-white p-3 ring-1 ring-slate-200">
                    <span class="text-brand-600">${icon('pin')}</span>
                    <div><dt class="text-xs text-slate-500">${b.event.where}</dt><dd class="font-medium text-slate-800">${ev.location}</dd></div>
                  </div>`
                : nothing}
            </dl>
            ${seating ? seating.view() : nothing}
            ${ev.description && !(ev.content || '').includes(ev.description) ? html`<p class="mt-5 text-base font-medium text-slate-700">${ev.description}</p>` : nothing}
            ${ev.content
              ? html`<section class="mt-5" aria-labelledby="about-heading">
                  <h2 id="about-heading" class="mb-2 text-lg font-bold">${b.event.about}</h2>
                  <div class=${kProse}>${unsafeHTML(ev.content)}</div>
                </section>`
              : nothing}
          </div>
          ${seating ? nothing : html`<div class="min-w-0 lg:sticky lg:top-20">${ticketsPanel()}</div>`}
        </div>`,
      el,
    );
  }

  async function refresh() {
    try {
      const { data } = await api.get(`/events/${encodeURIComponent(slug)}`);
      state.event = data;
      // Keep only what can still be bought.
      const qty = {};
      for (const tt of types()) qty[tt.id] = Math.min(state.qty[tt.id] || 0, maxFor(tt));
      state.qty = qty;
    } catch (err) {
      toast(err.text, 'error');
    }
  }

  async function load() {
    state.error = null;
    state.event = null;
    draw();
    try {
      const { data } = await api.get(`/events/${encodeURIComponent(slug)}`);
      state.event = data;
      ctx.setTitle(data.title);
      const qty = {};
      for (const tt of types()) qty[tt.id] = Math.min(Number(state.qty[tt.id]) || 0, maxFor(tt));
      state.qty = qty;
    } catch (err) {
      state.error = err;
    }
    seating?.stop();
    seating = null;
    if (state.event && isSeated(state.event) && state.event.status !== 'draft') {
      seating = seatedCheckout({ ev: state.event, ctx, closed: onSale(), redraw: draw, root: () => el });
      draw();
      await seating.start();
      return;
    }
    draw();
  }

  await load();
  return () => seating?.stop();
}

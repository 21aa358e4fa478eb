// The sandbox provider's payment page, /checkout/sandbox/:id?sig=...: public
// (the signed link stands in for a provider's checkout session), in the
// product's look, and plain about being a test where no money moves.
import { html, render, nothing, spinner, errorBox } from '../ui/components.js';
import { api } from '../api.js';
import { isLoggedIn } from '../session.js';
import { b } from '../i18n/buyer.js';
import { money } from '../format.js';
import { shortId, icon } from '../ui/buyer_parts.js';

const kRedirectMs = 1500;

export async function mount(el, ctx) {
  ctx.setTitle(b.pay.title);
  const id = ctx.params.id;
  const sig = ctx.query.get('sig') || '';
  const state = { order: null, payable: false, error: null, busy: null, outcome: null, actionError: null };
  let redirect = null;

  async function complete(action) {
    if (state.busy) return;
    state.busy = action;
    state.actionError = null;
    draw();
    try {
      const { data } = await api.post(`/payments/sandbox/${encodeURIComponent(id)}/complete`, { sig, action }, { noAuthRedirect: true });
      state.outcome = data.outcome;
      if (isLoggedIn()) redirect = setTimeout(() => ctx.navigate(`/orders/${data.order_id}`), kRedirectMs);
    } catch (err) {
      state.actionError = err.text;
    }
    state.busy = null;
    draw();
  }

  const outcomeView = () => {
    const good = state.outcome === 'paid' || state.outcome === 'already_processed';
    return html`<div class="p-6 text-center" role="status" aria-live="polite">
      <div class="mx-auto flex h-14 w-14 items-center justify-center rounded-full text-2xl ${good ? 'bg-green-100 text-green-700' : 'bg-slate-100 text-slate-600'}" aria-hidden="true">${good ? '✓' : '×'}</div>
      <p class="mt-4 text-base font-semibold text-slate-900">${b.pay.outcome[state.outcome] || state.outcome}</p>
      ${isLoggedIn()
        ? html`<p class="mt-2 text-sm text-slate-500">${b.pay.redirecting}</p>
            <a href="/orders/${id}" class="btn-primary mt-4">${b.pay.toOrder}</a>`
        : html`<a href="/" class="btn-secondary mt-4">${b.pay.toHome}</a>`}
    </div>`;
  };

  const summary = (o) => html`<div class="p-5 sm:p-6">
      <dl class="flex items-end justify-between gap-3">
        <div><dt class="text-xs uppercase tracking-wide text-slate-500">${b.pay.amount}</dt>
          <dd class="text-3xl font-extrabold tabular-nums text-slate-900">${money(o.total_amount)}</dd></div>
        <div class="text-right"><dt class="text-xs uppercase tracking-wide text-slate-500">${b.pay.orderCode}</dt>
          <dd class="font-mono text-sm font-semibold text-slate-700">#${shortId(o.id)}</dd></div>
      </dl>
      <ul class="mt-4 divide-y divide-slate-100 border-y border-slate-100 text-sm">
        ${(o.items || []).map(
          (i) => html`<li class="flex justify-between gap-3 py-2.5">
            <span class="min-w-0"><span class="block font-medium text-slate-800">${i.ticket_type_name} × ${i.quantity}</span>
              <span class="block truncate text-slate-500">${i.event_title}</span></span>
            <span class="shrink-0 tabular-nums">${money(i.subtotal)}</span>
          </li>`,
        )}
      </ul>
      <p class="mt-4 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">${b.pay.sandboxNote}</p>
      <div aria-live="assertive">${state.actionError ? html`<p class="mt-3 rounded-lg bg-red-50 p-3 text-sm text-red-800" role="alert">${state.actionError}</p>` : nothing}</div>
      ${state.payable
        ? html`<div class="mt-5 flex flex-col gap-2">
            <button type="button" class="btn h-12 bg-green-600 text-base text-white hover:bg-green-700" ?disabled=${Boolean(state.busy)} @click=${() => complete('pay')}>${state.busy === 'pay' ? b.pay.paying : b.pay.pay}</button>
            <button type="button" class="btn-secondary h-12" ?disabled=${Boolean(state.busy)} @click=${() => complete('cancel')}>${b.pay.cancel}</button>
          </div>`
        : html`<p class="mt-4 text-sm text-slate-600" role="status">${b.pay.notPayable}</p>
            ${isLoggedIn() ? html`<a href="/orders/${id}" class="btn-primary mt-3 w-full">${b.pay.toOrder}</a>` : nothing}`}
    </div>`;

  function draw() {
    let body;
    if (state.error) body = html`<div class="p-5">${errorBox(state.error, load)}</div>`;
    else if (state.outcome) body = outcomeView();
    else if (!state.order) body = spinner();
    else body = summary(state.order);
    render(
      html`<div class="mx-auto max-w-md">
        <div class="card overflow-hidden">
          <div class="flex items-center justify-between gap-3 bg-gradient-to-r from-brand-600 to-rose-500 px-5 py-4 text-white">
            <div>
              <p class="text-xs font-semibold uppercase tracking-wider text-white/80">${b.pay.provider}</p>
              <h1 class="text-lg font-bold sm:text-xl focus:outline-none" tabindex="-1">${b.pay.title}</h1>
            </div>
            <span class="shrink-0 rounded-full bg-white/20 px-2.5 py-1 text-xs font-bold uppercase tracking-wide">Sandbox</span>
          </div>
          ${body}
        </div>
        <p class="mt-4 flex items-center justify-center gap-1.5 text-xs text-slate-500">${icon('lock', 'h-3.5 w-3.5')}${b.pay.secure}</p>
      </div>`,
      el,
    );
  }

  async function load() {
    state.error = null;
    draw();
    try {
      const { data } = await api.get(`/payments/sandbox/${encodeURIComponent(id)}`, { sig }, { noAuthRedirect: true });
      state.order = data.order;
      state.payable = Boolean(data.payable);
    } catch (err) {
      state.error = err;
    }
    draw();
  }

  await load();
  return () => clearTimeout(redirect);
}

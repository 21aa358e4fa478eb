// The organiser's dashboard: headline numbers, 30 days of revenue, the best
// selling events, and one chosen event's sold / checked-in / remaining per type.
import { html, render, nothing, spinner, errorBox, emptyState, pageTitle } from '../../ui/components.js';
import { api } from '../../api.js';
import { money, number } from '../../format.js';
import { ta } from '../../i18n/admin.js';
import { revenueChart } from '../../ui/admin_chart.js';
import { dataTable, td, eventOptions, orderBadge } from '../../ui/admin_common.js';

const T = ta.dashboard;

export async function mount(el, ctx) {
  ctx.setTitle(T.title);
  const state = { stats: null, error: null, events: [], picked: ctx.query.get('event') || '', eventStats: null, eventError: null, eventLoading: false };

  const card = (label, value, sub = nothing, note = nothing) => html`<div class="card p-4">
    <p class="text-sm text-slate-500">${label}</p>
    <p class="mt-1 text-2xl font-bold tracking-tight text-slate-900">${value}</p>
    ${sub === nothing ? nothing : html`<p class="mt-1 text-xs text-slate-500">${sub}</p>`}
    ${note === nothing ? nothing : html`<p class="mt-1 text-xs font-medium text-purple-800">${note}</p>`}
  </div>`;

  const perEvent = () => {
    const s = state.eventStats;
    if (state.eventLoading) return spinner();
    if (state.eventError) return errorBox(state.eventError, () => pick(state.picked));
    if (!s) return html`<p class="text-sm text-slate-500">${T.pickHint}</p>`;
    if (!s.ticket_types.length) return emptyState(T.noTypes);
    const types = s.ticket_types;
    return html`<p class="mb-3 text-sm text-slate-600">${T.eventTotals(s.total_tickets, s.tickets_checked_in, s.remaining)} · ${T.colRevenue} ${money(s.total_revenue)}</p>
      ${dataTable(
        [T.colType, T.colPrice, T.colSold, T.colCheckedIn, T.colRemaining, T.colTotal],
        html`${types.map(
          (tt) => html`<tr>
            ${td(html`<span class="font-medium">${tt.name}</span>`)}${td(money(tt.price))}${td(number(tt.tickets_sold))}${td(number(tt.checked_in))}${td(number(tt.remaining))}${td(number(tt.quantity_total))}
          </tr>`,
        )}
        <tr class="bg-slate-50 font-semibold">
          ${td(T.total)}${td('')}${td(number(s.total_tickets))}${td(number(s.tickets_checked_in))}${td(number(s.remaining))}${td(number(types.reduce((n, tt) => n + tt.quantity_total, 0)))}
        </tr>`,
        s.event.title,
      )}`;
  };

  const draw = () => {
    if (state.error) return render(html`${pageTitle(T.title)}${errorBox(state.error, load)}`, el);
    if (!state.stats) return render(html`${pageTitle(T.title)}${spinner()}`, el);
    const s = state.stats;
    const days = s.revenue_by_day || [];
    const monthRevenue = days.reduce((n, d) => n + Number(d.revenue || 0), 0);
    render(
      html`${pageTitle(T.title)}
        <section aria-label=${T.title} class="grid grid-cols-2 gap-3 lg:grid-cols-5">
          ${card(T.revenue, money(s.total_revenue), T.revenueHint, Number(s.test_order_count) > 0 ? T.testOrders(number(s.test_order_count)) : nothing)}
          ${card(T.tickets, number(s.total_tickets))}
          ${card(T.checkedIn, number(s.tickets_checked_in))}
          ${card(T.users, number(s.total_users))}
          ${card(T.events, number(s.total_events), T.upcoming(s.upcoming_events))}
        </section>

        <div class="mt-6 grid gap-6 lg:grid-cols-3">
          <section class="card p-4 lg:col-span-2" aria-labelledby="chart-h">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="chart-h" class="text-lg font-semibold">${T.chartTitle}</h2>
              <p class="text-sm text-slate-600">${money(monthRevenue)}</p>
            </div>
            <div class="mt-3">${monthRevenue > 0 ? revenueChart(days) : html`${revenueChart(days)}<p class="text-sm text-slate-500">${T.chartEmpty}</p>`}</div>
          </section>
          <section class="card p-4" aria-labelledby="orders-h">
            <h2 id="orders-h" class="text-lg font-semibold">${T.ordersByStatus}</h2>
            <ul class="mt-3 space-y-2">
              ${['paid', 'pending', 'cancelled', 'refunded'].map(
                (k) => html`<li class="flex items-center justify-between text-sm">${orderBadge(k)}<span class="font-semibold">${number(s.orders_by_status?.[k])}</span></li>`,
              )}
            </ul>
          </section>
        </div>

        <section class="mt-6" aria-labelledby="top-h">
          <h2 id="top-h" class="mb-3 text-lg font-semibold">${T.topEvents}</h2>
          ${s.top_events?.length
            ? dataTable(
                [T.colEvent, T.colSold, T.colRevenue, T.colCheckedIn],
                s.top_events.map(
                  (e) => html`<tr>
                    ${td(html`<a class="link" href="/admin/events/${e.id}">${e.title}</a>`)}${td(number(e.tickets_sold))}${td(money(e.revenue))}${td(number(e.checked_in))}
                  </tr>`,
                ),
              )
            : emptyState(T.topEmpty)}
        </section>

        <section class="mt-6" aria-labelledby="per-h">
          <h2 id="per-h" class="mb-3 text-lg font-semibold">${T.perEvent}</h2>
          <div class="mb-4 max-w-md">
            <label class="label" for="stats-event">${T.pickEvent}</label>
            <select id="stats-event" class="input" @change=${(e) => pick(e.target.value)}>
              <option value="" ?selected=${!state.picked}>${T.pickPrompt}</option>
              ${state.events.map((e) => html`<option value=${e.id} ?selected=${e.id === state.picked}>${e.title}</option>`)}
            </select>
          </div>
          <div aria-live="polite">${perEvent()}</div>
        </section>`,
      el,
    );
  };

  async function pick(id) {
    state.picked = id;
    state.eventStats = null;
    state.eventError = null;
    const q = new URLSearchParams(location.search);
    if (id) q.set('event', id);
    else q.delete('event');
    history.replaceState(null, '', location.pathname + (q.toString() ? `?${q}` : ''));
    if (!id) return draw();
    state.eventLoading = true;
    draw();
    try {
      state.eventStats = (await api.get('/admin/stats', { event_id: id })).data;
    } catch (err) {
      state.eventError = err;
    }
    state.eventLoading = false;
    draw();
  }

  async function load() {
    state.error = null;
    draw();
    try {
      const [stats, events] = await Promise.all([api.get('/admin/stats'), eventOptions()]);
      state.stats = stats.data;
      state.events = events;
    } catch (err) {
      state.error = err;
    }
    draw();
    if (state.picked && !state.error) pick(state.picked);
  }

  await load();
}

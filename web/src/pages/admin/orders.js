// Every order, newest first: search by buyer (name or email), status and event.
import { html, render, nothing, spinner, errorBox, emptyState, pager, pageTitle, badge } from '../../ui/components.js';
import { api } from '../../api.js';
import { money, formatDateTime } from '../../format.js';
import { t } from '../../i18n/vi.js';
import { ta } from '../../i18n/admin.js';
import { dataTable, td, orderBadge, shortId, syncQuery, formValues, eventOptions } from '../../ui/admin_common.js';

const T = ta.orders;

export async function mount(el, ctx) {
  ctx.setTitle(T.title);
  const f = {
    user: ctx.query.get('user') || '',
    status: ctx.query.get('status') || '',
    event_id: ctx.query.get('event_id') || '',
    page: Number(ctx.query.get('page') || 1),
  };
  let list = null;
  let pagination = null;
  let error = null;
  let loading = true;
  let events = [];

  const filters = () => html`<form class="card mb-4 grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_2fr_auto] lg:items-end" role="search" aria-label=${T.title}
      @submit=${(e) => {
        e.preventDefault();
        Object.assign(f, formValues(e.target), { page: 1 });
        load();
      }}>
      <div>
        <label class="label" for="ord-user">${T.search}</label>
        <input id="ord-user" name="user" type="search" class="input" .value=${f.user} />
      </div>
      <div>
        <label class="label" for="ord-status">${T.status}</label>
        <select id="ord-status" name="status" class="input">
          <option value="" ?selected=${!f.status}>${t.common.all}</option>
          ${Object.entries(ta.orderStatus).map(([k, v]) => html`<option value=${k} ?selected=${f.status === k}>${v}</option>`)}
        </select>
      </div>
      <div>
        <label class="label" for="ord-event">${T.event}</label>
        <select id="ord-event" name="event_id" class="input">
          <option value="" ?selected=${!f.event_id}>${T.allEvents}</option>
          ${events.map((e) => html`<option value=${e.id} ?selected=${f.event_id === e.id}>${e.title}</option>`)}
        </select>
      </div>
      <button type="submit" class="btn-secondary">${T.apply}</button>
    </form>`;

  const eventsOf = (o) => [...new Set((o.items || []).map((i) => i.event_title))].join(', ');
  const rows = () =>
    list.map(
      (o) => html`<tr>
        ${td(html`<a class="link font-mono" href="/admin/orders/${o.id}" aria-label=${T.openOf(shortId(o.id))}>#${shortId(o.id)}</a>`)}
        ${td(html`<span class="font-medium">${o.buyer?.full_name || '—'}</span><p class="text-xs text-slate-500">${o.buyer?.email}</p>`)}
        ${td(eventsOf(o))}
        ${td(money(o.total_amount), 'whitespace-nowrap')}
        ${td(html`${orderBadge(o.status)}${o.refund_required ? html` ${badge(T.refundRequired, 'amber')}` : nothing}`)}
        ${td(formatDateTime(o.created_at), 'whitespace-nowrap')}
        ${td(html`<a class="btn-secondary" href="/admin/orders/${o.id}" aria-label=${T.openOf(shortId(o.id))}>${T.open}</a>`)}
      </tr>`,
    );

  const draw = () => {
    let body;
    if (error) body = errorBox(error, load);
    else if (loading && !list) body = spinner();
    else if (!list.length) body = emptyState(T.empty);
    else
      body = html`${dataTable([T.colOrder, T.colBuyer, T.colEvent, T.colTotal, T.colStatus, T.colTime, ''], rows())}
        ${pager(pagination, (p) => {
          f.page = p;
          load();
        })}`;
    render(html`${pageTitle(T.title)}${filters()}<div aria-live="polite" aria-busy=${loading ? 'true' : 'false'}>${body}</div>`, el);
  };

  async function load() {
    loading = true;
    error = null;
    syncQuery(f);
    draw();
    try {
      const r = await api.get('/admin/orders', { ...f, limit: 20 });
      list = r.data;
      pagination = r.pagination;
    } catch (err) {
      error = err;
    }
    loading = false;
    draw();
  }

  eventOptions()
    .then((e) => {
      events = e;
      draw();
    })
    .catch(() => {});
  await load();
}

// Every event in every status, with filters (status, category, text) kept in
// the address bar, and a way to create a new one.
import { html, render, nothing, spinner, errorBox, emptyState, pager, pageTitle, badge } from '../../ui/components.js';
import { api } from '../../api.js';
import { formatDateTime } from '../../format.js';
import { t } from '../../i18n/vi.js';
import { ta } from '../../i18n/admin.js';
import { dataTable, td, eventBadge, syncQuery, formValues } from '../../ui/admin_common.js';

const T = ta.events;

export async function mount(el, ctx) {
  ctx.setTitle(T.title);
  const f = {
    status: ctx.query.get('status') || '',
    category: ctx.query.get('category') || '',
    search: ctx.query.get('search') || '',
    page: Number(ctx.query.get('page') || 1),
  };
  let list = null;
  let pagination = null;
  let error = null;
  let loading = true;

  const filters = () => html`<form class="card mb-4 grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_auto] lg:items-end" role="search" aria-label=${T.filters}
      @submit=${(e) => {
        e.preventDefault();
        Object.assign(f, formValues(e.target), { page: 1 });
        load();
      }}>
      <div>
        <label class="label" for="ev-search">${T.search}</label>
        <input id="ev-search" name="search" type="search" class="input" .value=${f.search} />
      </div>
      <div>
        <label class="label" for="ev-status">${T.status}</label>
        <select id="ev-status" name="status" class="input">
          <option value="" ?selected=${!f.status}>${t.common.all}</option>
          ${Object.entries(ta.eventStatus).map(([k, v]) => html`<option value=${k} ?selected=${f.status === k}>${v}</option>`)}
        </select>
      </div>
      <div>
        <label class="label" for="ev-category">${T.category}</label>
        <input id="ev-category" name="category" class="input" .value=${f.category} />
      </div>
      <button type="submit" class="btn-secondary">${T.apply}</button>
    </form>`;

  const rows = () =>
    list.map(
      (e) => html`<tr>
        ${td(html`<div class="flex items-center gap-3">
          ${e.thumbnail_image ? html`<img src=${e.thumbnail_image} alt="" class="h-10 w-14 shrink-0 rounded object-cover" />` : nothing}
          <div>
            <a class="link" href="/admin/events/${e.id}">${e.title}</a>
            ${e.is_hot ? html` ${badge(T.hot, 'amber')}` : nothing}
            <p class="text-xs text-slate-500">${e.location || ''}</p>
          </div>
        </div>`)}
        ${td(formatDateTime(e.start_time), 'whitespace-nowrap')}
        ${td(e.category || '—')}
        ${td(eventBadge(e.status))}
        ${td(html`<a class="btn-secondary" href="/admin/events/${e.id}" aria-label="${T.manage}: ${e.title}">${T.manage}</a>`)}
      </tr>`,
    );

  const draw = () => {
    let body;
    if (error) body = errorBox(error, load);
    else if (loading && !list) body = spinner();
    else if (!list.length) body = emptyState(T.empty);
    else
      body = html`<p class="mb-2 text-sm text-slate-600">${T.count(pagination?.total ?? list.length)}</p>
        ${dataTable([T.colTitle, T.colTime, T.colCategory, T.colStatus, T.colActions], rows())}
        ${pager(pagination, (p) => {
          f.page = p;
          load();
        })}`;
    render(
      html`${pageTitle(T.title, html`<a class="btn-primary" href="/admin/events/new">${T.create}</a>`)}
        ${filters()}
        <div aria-live="polite" aria-busy=${loading ? 'true' : 'false'}>${body}</div>`,
      el,
    );
  };

  async function load() {
    loading = true;
    error = null;
    syncQuery(f);
    draw();
    try {
      const r = await api.get('/admin/events', { ...f, limit: 20 });
      list = r.data;
      pagination = r.pagination;
    } catch (err) {
      error = err;
    }
    loading = false;
    draw();
  }

  await load();
}

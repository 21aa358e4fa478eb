// Every event in every status, with filters (status, category, text) kept in
// the address bar, and a way to create a new one.
import { html, render, nothing, pageTitle, badge } from '../../ui/components.js';
import { formatDateTime } from '../../format.js';
import { ta } from '../../i18n/admin.js';
import { td, eventBadge, listController, filterForm, textFilter, selectFilter, listBody } from '../../ui/admin_common.js';

const T = ta.events;

export async function mount(el, ctx) {
  ctx.setTitle(T.title);
  const c = listController({ ctx, path: '/admin/events', filters: { status: '', category: '', search: '' }, draw: () => draw() });

  const filters = () =>
    filterForm(
      c,
      { label: T.filters, grid: 'sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_auto] lg:items-end', apply: T.apply },
      html`${textFilter(c, { id: 'ev-search', name: 'search', label: T.search, type: 'search' })}
        ${selectFilter(c, { id: 'ev-status', name: 'status', label: T.status, options: Object.entries(ta.eventStatus) })}
        ${textFilter(c, { id: 'ev-category', name: 'category', label: T.category })}`,
    );

  const row = (e) => html`<tr>
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
  </tr>`;

  const draw = () =>
    render(
      html`${pageTitle(T.title, html`<a class="btn-primary" href="/admin/events/new">${T.create}</a>`)}
        ${filters()}
        ${listBody(c, {
          empty: T.empty,
          head: [T.colTitle, T.colTime, T.colCategory, T.colStatus, T.colActions],
          row,
          intro: () => html`<p class="mb-2 text-sm text-slate-600">${T.count(c.pagination?.total ?? c.list.length)}</p>`,
        })}`,
      el,
    );

  await c.load();
}

// The audit log: every admin write, newest first, with who did it and which
// fields changed (before → after), filterable by kind of entity and its id.
import { html, render, nothing, pageTitle } from '../../ui/components.js';
import { api } from '../../api.js';
import { formatDateTime } from '../../format.js';
import { ta } from '../../i18n/admin.js';
import { td, shortId, listController, filterForm, textFilter, selectFilter, listBody } from '../../ui/admin_common.js';

const T = ta.audit;

const show = (v) => {
  if (v === null || v === undefined) return '∅';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

// The fields whose value differs between the two snapshots.
function changes(before, after) {
  const b = before && typeof before === 'object' ? before : {};
  const a = after && typeof after === 'object' ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => k !== 'updated_at');
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => ({ k, from: b[k], to: a[k] }));
}

export async function mount(el, ctx) {
  ctx.setTitle(T.title);
  const c = listController({ ctx, path: '/admin/audit-log', filters: { entity_type: '', entity_id: '' }, limit: 30, draw: () => draw() });
  const actors = new Map();

  const filters = () =>
    filterForm(
      c,
      { label: T.title, grid: 'sm:grid-cols-[1fr_2fr_auto] sm:items-end', apply: T.apply },
      html`${selectFilter(c, { id: 'au-type', name: 'entity_type', label: T.entityType, options: Object.entries(T.entity) })}
        ${textFilter(c, { id: 'au-id', name: 'entity_id', label: T.entityId, cls: 'input font-mono' })}`,
    );

  const entityLink = (x) => {
    const label = `${T.entity[x.entity_type] || x.entity_type} #${x.entity_type === 'banner' ? x.entity_id : shortId(x.entity_id)}`;
    if (x.entity_type === 'event' && x.action !== 'event.delete') return html`<a class="link" href="/admin/events/${x.entity_id}">${label}</a>`;
    if (x.entity_type === 'order') return html`<a class="link" href="/admin/orders/${x.entity_id}">${label}</a>`;
    return label;
  };

  const changeCell = (x) => {
    const list = changes(x.before, x.after);
    if (!list.length) return T.noChanges;
    const name = x.after?.title || x.after?.name || x.before?.title || x.before?.name || x.after?.email || x.before?.email;
    return html`${name ? html`<p class="font-medium">${name}</p>` : nothing}
      <details class="mt-1">
        <summary class="cursor-pointer text-xs text-brand-700">${T.changes(list.length)}</summary>
        <dl class="mt-2 space-y-1 text-xs">
          ${list.map(
            (c) => html`<div><dt class="inline font-mono font-semibold">${c.k}:</dt>
              <dd class="inline break-all"><s class="text-slate-400">${show(c.from)}</s> → ${show(c.to)}</dd></div>`,
          )}
        </dl>
      </details>`;
  };

  const row = (x) => html`<tr>
    ${td(formatDateTime(x.created_at), 'whitespace-nowrap align-top')}
    ${td(x.actor_id ? actors.get(x.actor_id) || shortId(x.actor_id) : T.system, 'align-top')}
    ${td(html`<span class="font-medium">${T.action[x.action] || x.action}</span>`, 'align-top')}
    ${td(entityLink(x), 'whitespace-nowrap align-top')}
    ${td(changeCell(x), 'max-w-md align-top')}
  </tr>`;

  const draw = () =>
    render(
      html`${pageTitle(T.title)}${filters()}${listBody(c, {
        empty: T.empty,
        head: [T.colTime, T.colActor, T.colAction, T.colEntity, T.colChanges],
        row,
      })}`,
      el,
    );

  // Actors are admins: one call names them all.
  api
    .get('/admin/users', { role: 'admin', limit: 100 })
    .then(({ data }) => {
      for (const u of data) actors.set(u.id, u.full_name || u.email);
      if (c.list) draw();
    })
    .catch(() => {});
  await c.load();
}

// The audit log: every admin write, newest first, with who did it and which
// fields changed (before → after), filterable by kind of entity and its id.
import { html, render, nothing, spinner, errorBox, emptyState, pager, pageTitle } from '../../ui/components.js';
import { api } from '../../api.js';
import { formatDateTime } from '../../format.js';
import { t } from '../../i18n/vi.js';
import { ta } from '../../i18n/admin.js';
import { dataTable, td, syncQuery, formValues, shortId } from '../../ui/admin_common.js';

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
  const f = {
    entity_type: ctx.query.get('entity_type') || '',
    entity_id: ctx.query.get('entity_id') || '',
    page: Number(ctx.query.get('page') || 1),
  };
  let list = null;
  let pagination = null;
  let error = null;
  let loading = true;
  const actors = new Map();

  const filters = () => html`<form class="card mb-4 grid gap-3 p-4 sm:grid-cols-[1fr_2fr_auto] sm:items-end" role="search" aria-label=${T.title}
      @submit=${(e) => {
        e.preventDefault();
        Object.assign(f, formValues(e.target), { page: 1 });
        load();
      }}>
      <div>
        <label class="label" for="au-type">${T.entityType}</label>
        <select id="au-type" name="entity_type" class="input">
          <option value="" ?selected=${!f.entity_type}>${t.common.all}</option>
          ${Object.entries(T.entity).map(([k, v]) => html`<option value=${k} ?selected=${f.entity_type === k}>${v}</option>`)}
        </select>
      </div>
      <div>
        <label class="label" for="au-id">${T.entityId}</label>
        <input id="au-id" name="entity_id" class="input font-mono" .value=${f.entity_id} />
      </div>
      <button type="submit" class="btn-secondary">${T.apply}</button>
    </form>`;

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

  const rows = () =>
    list.map(
      (x) => html`<tr>
        ${td(formatDateTime(x.created_at), 'whitespace-nowrap align-top')}
        ${td(x.actor_id ? actors.get(x.actor_id) || shortId(x.actor_id) : T.system, 'align-top')}
        ${td(html`<span class="font-medium">${T.action[x.action] || x.action}</span>`, 'align-top')}
        ${td(entityLink(x), 'whitespace-nowrap align-top')}
        ${td(changeCell(x), 'max-w-md align-top')}
      </tr>`,
    );

  const draw = () => {
    let body;
    if (error) body = errorBox(error, load);
    else if (loading && !list) body = spinner();
    else if (!list.length) body = emptyState(T.empty);
    else
      body = html`${dataTable([T.colTime, T.colActor, T.colAction, T.colEntity, T.colChanges], rows())}
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
      const r = await api.get('/admin/audit-log', { ...f, limit: 30 });
      list = r.data;
      pagination = r.pagination;
    } catch (err) {
      error = err;
    }
    loading = false;
    draw();
  }

  // Actors are admins: one call names them all.
  api
    .get('/admin/users', { role: 'admin', limit: 100 })
    .then(({ data }) => {
      for (const u of data) actors.set(u.id, u.full_name || u.email);
      if (list) draw();
    })
    .catch(() => {});
  await load();
}

// People: search, change a role, deactivate and reactivate. The server's rules
// (the last active admin; an admin cannot demote or lock themself) come back
// as sentences shown above the list.
import { html, render, spinner, errorBox, emptyState, pager, pageTitle, toast, confirmDialog } from '../../ui/components.js';
import { live } from 'lit-html/directives/live.js';
import { api } from '../../api.js';
import { formatDate } from '../../format.js';
import { currentUser } from '../../session.js';
import { t } from '../../i18n/vi.js';
import { ta } from '../../i18n/admin.js';
import { dataTable, td, alertBox, syncQuery, formValues } from '../../ui/admin_common.js';
import { badge } from '../../ui/components.js';

const T = ta.users;

export async function mount(el, ctx) {
  ctx.setTitle(T.title);
  const me = currentUser();
  const f = {
    search: ctx.query.get('search') || '',
    role: ctx.query.get('role') || '',
    is_active: ctx.query.get('is_active') || '',
    page: Number(ctx.query.get('page') || 1),
  };
  let list = null;
  let pagination = null;
  let error = null;
  let loading = true;
  let message = null; // {kind, text}

  const nameOf = (u) => u.full_name || u.email;

  async function update(u, body, { title, body: text, confirmLabel, danger, done }) {
    if (!(await confirmDialog({ title, body: text, confirmLabel, danger }))) return draw();
    message = null;
    try {
      const { data } = await api.put(`/admin/users/${u.id}`, body);
      list = list.map((x) => (x.id === u.id ? data : x));
      message = { kind: 'ok', text: done };
      toast(done);
    } catch (err) {
      message = { kind: 'error', text: err.text };
    }
    draw();
  }

  const changeRole = (u, role) =>
    update(u, { role }, { title: T.roleTitle(nameOf(u), ta.role[role]), body: T.roleBody, confirmLabel: t.common.confirm, done: T.roleChanged(nameOf(u)) });
  const setActive = (u, active) =>
    update(
      u,
      { is_active: active },
      active
        ? { title: T.reactivateTitle(nameOf(u)), body: T.reactivateBody, confirmLabel: T.reactivate, done: T.reactivated(nameOf(u)) }
        : { title: T.deactivateTitle(nameOf(u)), body: T.deactivateBody, confirmLabel: T.deactivate, danger: true, done: T.deactivated(nameOf(u)) },
    );

  const filters = () => html`<form class="card mb-4 grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_auto] lg:items-end" role="search" aria-label=${T.title}
      @submit=${(e) => {
        e.preventDefault();
        Object.assign(f, formValues(e.target), { page: 1 });
        load();
      }}>
      <div>
        <label class="label" for="usr-search">${T.search}</label>
        <input id="usr-search" name="search" type="search" class="input" .value=${f.search} />
      </div>
      <div>
        <label class="label" for="usr-role">${T.role}</label>
        <select id="usr-role" name="role" class="input">
          <option value="" ?selected=${!f.role}>${t.common.all}</option>
          ${Object.entries(ta.role).map(([k, v]) => html`<option value=${k} ?selected=${f.role === k}>${v}</option>`)}
        </select>
      </div>
      <div>
        <label class="label" for="usr-active">${T.active}</label>
        <select id="usr-active" name="is_active" class="input">
          <option value="" ?selected=${!f.is_active}>${t.common.all}</option>
          <option value="true" ?selected=${f.is_active === 'true'}>${T.activeOnly}</option>
          <option value="false" ?selected=${f.is_active === 'false'}>${T.inactiveOnly}</option>
        </select>
      </div>
      <button type="submit" class="btn-secondary">${T.apply}</button>
    </form>`;

  const rows = () =>
    list.map((u) => {
      const self = u.id === me?.id;
      return html`<tr>
        ${td(html`<span class="font-medium">${u.full_name || '—'}</span> ${self ? html`<span class="text-xs text-slate-500">${T.you}</span>` : ''}
          <p class="text-xs text-slate-500">${u.email}</p>`)}
        ${td(html`<select class="input w-40" aria-label=${T.roleOf(nameOf(u))} .value=${live(u.role)}
            @change=${(e) => changeRole(u, e.target.value)}>
            ${Object.entries(ta.role).map(([k, v]) => html`<option value=${k} ?selected=${u.role === k}>${v}</option>`)}
          </select>`)}
        ${td(u.is_active ? badge(T.isActive, 'green') : badge(T.isInactive, 'red'))}
        ${td(formatDate(u.created_at), 'whitespace-nowrap')}
        ${td(
          u.is_active
            ? html`<button type="button" class="btn-secondary text-red-700" aria-label=${T.deactivateOf(nameOf(u))} @click=${() => setActive(u, false)}>${T.deactivate}</button>`
            : html`<button type="button" class="btn-secondary" aria-label=${T.reactivateOf(nameOf(u))} @click=${() => setActive(u, true)}>${T.reactivate}</button>`,
        )}
      </tr>`;
    });

  const draw = () => {
    let body;
    if (error) body = errorBox(error, load);
    else if (loading && !list) body = spinner();
    else if (!list.length) body = emptyState(T.empty);
    else
      body = html`${dataTable([T.colName, T.colRole, T.colStatus, T.colCreated, T.colActions], rows())}
        ${pager(pagination, (p) => {
          f.page = p;
          load();
        })}`;
    render(
      html`${pageTitle(T.title)}${filters()}
        <div aria-live="polite">${message ? alertBox(message.text, message.kind) : ''}</div>
        <div aria-busy=${loading ? 'true' : 'false'}>${body}</div>`,
      el,
    );
  };

  async function load() {
    loading = true;
    error = null;
    syncQuery(f);
    draw();
    try {
      const r = await api.get('/admin/users', { ...f, limit: 20 });
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

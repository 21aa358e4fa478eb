// People: search, change a role, deactivate and reactivate. The server's rules
// (the last active admin; an admin cannot demote or lock themself) come back
// as sentences shown above the list.
import { html, render, pageTitle, toast, confirmDialog, badge } from '../../ui/components.js';
import { live } from 'lit-html/directives/live.js';
import { api } from '../../api.js';
import { formatDate } from '../../format.js';
import { currentUser } from '../../session.js';
import { t } from '../../i18n/vi.js';
import { ta } from '../../i18n/admin.js';
import { td, alertBox, listController, filterForm, textFilter, selectFilter, listBody } from '../../ui/admin_common.js';

const T = ta.users;

export async function mount(el, ctx) {
  ctx.setTitle(T.title);
  const me = currentUser();
  const c = listController({ ctx, path: '/admin/users', filters: { search: '', role: '', is_active: '' }, draw: () => draw() });
  let message = null; // {kind, text}

  const nameOf = (u) => u.full_name || u.email;

  async function update(u, body, { title, body: text, confirmLabel, danger, done }) {
    if (!(await confirmDialog({ title, body: text, confirmLabel, danger }))) return draw();
    message = null;
    try {
      const { data } = await api.put(`/admin/users/${u.id}`, body);
      c.list = c.list.map((x) => (x.id === u.id ? data : x));
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

  const filters = () =>
    filterForm(
      c,
      { label: T.title, grid: 'sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_auto] lg:items-end', apply: T.apply },
      html`${textFilter(c, { id: 'usr-search', name: 'search', label: T.search, type: 'search' })}
        ${selectFilter(c, { id: 'usr-role', name: 'role', label: T.role, options: Object.entries(ta.role) })}
        ${selectFilter(c, { id: 'usr-active', name: 'is_active', label: T.active, options: [['true', T.activeOnly], ['false', T.inactiveOnly]] })}`,
    );

  const row = (u) => {
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
  };

  const draw = () =>
    render(
      html`${pageTitle(T.title)}${filters()}
        <div aria-live="polite">${message ? alertBox(message.text, message.kind) : ''}</div>
        ${listBody(c, { empty: T.empty, head: [T.colName, T.colRole, T.colStatus, T.colCreated, T.colActions], row, live: false })}`,
      el,
    );

  await c.load();
}

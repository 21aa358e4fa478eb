// Building blocks shared by the organiser's pages: status badges, a form in a
// dialog that stays open on errors, a download helper for authenticated files,
// the list of events for pickers, and a filtered, paged list kept in the URL.
import { html, render, nothing, badge, spinner, errorBox, emptyState, pager } from './components.js';
import { api, ApiError } from '../api.js';
import { t } from '../i18n/vi.js';
import { ta } from '../i18n/admin.js';

const kEventColors = { draft: 'slate', published: 'green', completed: 'blue', cancelled: 'red' };
const kOrderColors = { pending: 'amber', paid: 'green', cancelled: 'slate', refunded: 'red' };
const kTicketColors = { valid: 'green', used: 'blue', cancelled: 'red' };
const kTypeColors = { active: 'green', sold_out: 'amber', hidden: 'slate' };

export const eventBadge = (s) => badge(ta.eventStatus[s] || s, kEventColors[s]);
export const orderBadge = (s) => badge(ta.orderStatus[s] || s, kOrderColors[s]);
export const ticketBadge = (s) => badge(ta.ticketStatus[s] || s, kTicketColors[s]);
export const typeBadge = (s) => badge(ta.typeStatus[s] || s, kTypeColors[s]);
// "Thử nghiệm" on orders paid through the sandbox provider (is_test).
export const testBadge = (o) =>
  o?.is_test ? html`<span class="badge whitespace-nowrap bg-purple-100 text-purple-800" title=${ta.test.hint}>${ta.test.badge}</span>` : nothing;

// The first block of a UUID, enough for a person to tell orders apart.
export { shortId } from './buyer_parts.js';

// A table that scrolls sideways on a phone instead of squeezing its columns.
export function dataTable(head, rows, caption = nothing) {
  return html`<div class="card overflow-x-auto">
    <table class="min-w-full divide-y divide-slate-200 text-left text-sm">
      ${caption === nothing ? nothing : html`<caption class="sr-only">${caption}</caption>`}
      <thead class="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
        <tr>${head.map((h) => html`<th scope="col" class="whitespace-nowrap px-4 py-3 font-semibold">${h}</th>`)}</tr>
      </thead>
      <tbody class="divide-y divide-slate-100">${rows}</tbody>
    </table>
  </div>`;
}

export const td = (content, extra = '') => html`<td class="px-4 py-3 align-middle ${extra}">${content}</td>`;

// An inline message that stays until the next action (for the server's refusals).
export function alertBox(text, kind = 'error') {
  if (!text) return nothing;
  const color = kind === 'error' ? 'border-red-200 bg-red-50 text-red-800' : 'border-green-200 bg-green-50 text-green-800';
  return html`<div class="mb-4 rounded-lg border p-4 text-sm ${color}" role=${kind === 'error' ? 'alert' : 'status'}>${text}</div>`;
}

// A form inside a modal <dialog>. `body(redraw)` renders the fields;
// `onSubmit(form)` does the work and may throw an ApiError, which is shown in
// the dialog (it stays open so nothing typed is lost). Resolves to what
// onSubmit returned, or null when the person cancels.
export function formDialog({ title, body, submitLabel = t.common.save, danger = false, wide = false, onSubmit }) {
  return new Promise((resolve) => {
    const dlg = document.createElement('dialog');
    dlg.className = wide
      ? 'w-[min(40rem,calc(100vw-2rem))] rounded-xl p-0 shadow-xl backdrop:bg-slate-900/50'
      : 'w-[min(28rem,calc(100vw-2rem))] rounded-xl p-0 shadow-xl backdrop:bg-slate-900/50';
    dlg.setAttribute('aria-labelledby', 'form-dialog-title');
    document.body.append(dlg);
    let error = null;
    let busy = false;
    const close = (value) => {
      dlg.close();
      render(nothing, dlg);
      dlg.remove();
      resolve(value);
    };
    const submit = async (e) => {
      e.preventDefault();
      if (busy) return;
      busy = true;
      error = null;
      draw();
      try {
        const result = await onSubmit(e.target);
        close(result ?? true);
      } catch (err) {
        busy = false;
        error = err?.text || err?.message || String(err);
        draw();
      }
    };
    const draw = () =>
      render(
        html`<form class="max-h-[85vh] overflow-y-auto p-6" novalidate @submit=${submit}>
          <h2 id="form-dialog-title" class="text-lg font-semibold">${title}</h2>
          <div class="mt-4 space-y-4">${body(draw)}</div>
          ${error ? html`<div class="mt-4">${alertBox(error)}</div>` : nothing}
          <div class="mt-6 flex justify-end gap-3">
            <button type="button" class="btn-secondary" @click=${() => close(null)}>${t.common.cancel}</button>
            <button type="submit" class=${danger ? 'btn-danger' : 'btn-primary'} ?disabled=${busy}>${busy ? t.common.saving : submitLabel}</button>
          </div>
        </form>`,
        dlg,
      );
    dlg.addEventListener('cancel', (e) => {
      e.preventDefault();
      if (!busy) close(null);
    });
    draw();
    dlg.showModal();
    dlg.querySelector('input, textarea, select')?.focus();
  });
}

// Saves a file that needs the bearer token (so a plain link cannot fetch it).
export async function downloadFile(path, filename) {
  const res = await api.request('GET', path, { headers: { Accept: 'text/csv, */*' } });
  if (!res.ok) {
    let env = null;
    try {
      env = await res.json();
    } catch {
      // not JSON
    }
    throw new ApiError(res.status, env?.error?.code || `HTTP_${res.status}`, env?.message || res.statusText);
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10000);
}

// Every event (all statuses) for pickers, newest first as the API lists them.
export async function eventOptions() {
  const { data } = await api.get('/admin/events', { limit: 100 });
  return data;
}

// Reads a form's named fields as trimmed strings.
export function formValues(form) {
  const out = {};
  for (const [k, v] of new FormData(form).entries()) out[k] = typeof v === 'string' ? v.trim() : v;
  return out;
}

// Keeps filters in the address bar so a reload or a shared link shows the same list.
export function syncQuery(values) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== '' && v !== null && v !== undefined && !(k === 'page' && v === 1)) q.set(k, v);
  const s = q.toString();
  history.replaceState(null, '', location.pathname + (s ? `?${s}` : ''));
}

// A filtered, paged list whose filters live in the address bar. `filters` maps
// each query parameter to its default; the page number is added. `draw` is the
// page's own redraw. The list stays on screen while the next page loads.
export function listController({ ctx, path, filters, limit = 20, draw }) {
  const c = { filters: {}, list: null, pagination: null, error: null, loading: true };
  for (const [k, v] of Object.entries(filters)) c.filters[k] = ctx.query.get(k) || v;
  c.filters.page = Number(ctx.query.get('page') || 1);
  c.load = async () => {
    c.loading = true;
    c.error = null;
    syncQuery(c.filters);
    draw();
    try {
      const r = await api.get(path, { ...c.filters, limit });
      c.list = r.data;
      c.pagination = r.pagination;
    } catch (err) {
      c.error = err;
    }
    c.loading = false;
    draw();
  };
  c.submit = (e) => {
    e.preventDefault();
    Object.assign(c.filters, formValues(e.target), { page: 1 });
    c.load();
  };
  c.go = (page) => {
    c.filters.page = page;
    c.load();
  };
  return c;
}

// The filter bar of a list: `grid` holds the page's column classes, written in full.
export const filterForm = (c, { label, grid, apply }, fields) =>
  html`<form class="card mb-4 grid gap-3 p-4 ${grid}" role="search" aria-label=${label} @submit=${c.submit}>
    ${fields}
    <button type="submit" class="btn-secondary">${apply}</button>
  </form>`;

// A labelled text filter showing the list's current value of `name`
// (type "search" for free text).
export const textFilter = (c, { id, name, label, type, cls = 'input' }) =>
  html`<div>
    <label class="label" for=${id}>${label}</label>
    <input id=${id} name=${name} type=${type || nothing} class=${cls} .value=${c.filters[name]} />
  </div>`;

// A labelled select filter: "all" (empty) first, then `options` as [value, text].
export const selectFilter = (c, { id, name, label, all = t.common.all, options }) => {
  const value = c.filters[name];
  return html`<div>
    <label class="label" for=${id}>${label}</label>
    <select id=${id} name=${name} class="input">
      <option value="" ?selected=${!value}>${all}</option>
      ${options.map(([k, v]) => html`<option value=${k} ?selected=${value === k}>${v}</option>`)}
    </select>
  </div>`;
};

// The list's body: a spinner, the error with a retry, the empty sentence, or
// the table and its pager (`intro()` may add a line above the table).
export function listBody(c, { empty, head, row, intro = () => nothing, live = true }) {
  let body;
  if (c.error) body = errorBox(c.error, c.load);
  else if (c.loading && !c.list) body = spinner();
  else if (!c.list.length) body = emptyState(empty);
  else body = html`${intro()}${dataTable(head, c.list.map(row))}${pager(c.pagination, c.go)}`;
  return html`<div aria-live=${live ? 'polite' : nothing} aria-busy=${c.loading ? 'true' : 'false'}>${body}</div>`;
}

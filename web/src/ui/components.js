// Small building blocks every page uses, so pages look and behave alike.
import { html, render, nothing } from 'lit-html';
import { t } from '../i18n/vi.js';

export { html, render, nothing };

export function spinner(label = t.common.loading) {
  return html`<div class="flex items-center justify-center gap-3 py-12 text-slate-500" role="status">
    <span class="h-5 w-5 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600" aria-hidden="true"></span>
    <span>${label}</span>
  </div>`;
}

// An error as a sentence, with an optional retry.
export function errorBox(err, onRetry) {
  const text = err?.text || err?.message || String(err);
  return html`<div class="rounded-lg border border-red-200 bg-red-50 p-4 text-red-800" role="alert">
    <p>${text}</p>
    ${onRetry ? html`<button type="button" class="btn-secondary mt-3" @click=${onRetry}>${t.common.retry}</button>` : nothing}
  </div>`;
}

export function emptyState(text = t.common.empty) {
  return html`<p class="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-500">${text}</p>`;
}

// Prev / next paging over {page, total_pages}; calls go(page).
export function pager(pagination, go) {
  if (!pagination || (pagination.total_pages ?? 0) <= 1) return nothing;
  const { page, total_pages: pages } = pagination;
  return html`<nav class="mt-6 flex items-center justify-center gap-3" aria-label="Phân trang">
    <button type="button" class="btn-secondary" ?disabled=${page <= 1} @click=${() => go(page - 1)}>${t.common.prev}</button>
    <span class="text-sm text-slate-600">${t.common.page(page, pages)}</span>
    <button type="button" class="btn-secondary" ?disabled=${page >= pages} @click=${() => go(page + 1)}>${t.common.next}</button>
  </nav>`;
}

const kBadgeColors = {
  green: 'bg-green-100 text-green-800',
  red: 'bg-red-100 text-red-800',
  amber: 'bg-amber-100 text-amber-800',
  slate: 'bg-slate-100 text-slate-700',
  blue: 'bg-blue-100 text-blue-800',
};
export function badge(text, color = 'slate') {
  return html`<span class="badge ${kBadgeColors[color] || kBadgeColors.slate}">${text}</span>`;
}

// A polite announcement at the bottom of the screen.
let toastTimer;
export function toast(message, kind = 'ok') {
  let host = document.getElementById('toast');
  if (!host) {
    host = document.createElement('div');
    host.id = 'toast';
    host.setAttribute('role', 'status');
    host.setAttribute('aria-live', 'polite');
    host.className = 'pointer-events-none fixed inset-x-0 bottom-20 z-50 flex justify-center px-4 md:bottom-6';
    document.body.append(host);
  }
  const color = kind === 'error' ? 'bg-red-700' : 'bg-slate-900';
  render(html`<div class="pointer-events-auto rounded-lg ${color} px-4 py-3 text-sm text-white shadow-lg">${message}</div>`, host);
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => render(nothing, host), 4000);
}

// A modal confirmation built on <dialog>; resolves true when confirmed.
// `extra` may render more inputs inside the dialog (read them before resolve).
export function confirmDialog({ title, body, confirmLabel = t.common.confirm, danger = false, extra = nothing }) {
  return new Promise((resolve) => {
    const dlg = document.createElement('dialog');
    dlg.className = 'w-[min(28rem,calc(100vw-2rem))] rounded-xl p-0 shadow-xl backdrop:bg-slate-900/50';
    document.body.append(dlg);
    const done = (ok) => {
      dlg.close();
      dlg.remove();
      resolve(ok);
    };
    render(
      html`<form method="dialog" class="p-6" @submit=${(e) => { e.preventDefault(); done(true); }}>
        <h2 class="text-lg font-semibold">${title}</h2>
        <div class="mt-2 text-sm text-slate-600">${body}</div>
        ${extra}
        <div class="mt-6 flex justify-end gap-3">
          <button type="button" class="btn-secondary" @click=${() => done(false)}>${t.common.cancel}</button>
          <button type="submit" class=${danger ? 'btn-danger' : 'btn-primary'}>${confirmLabel}</button>
        </div>
      </form>`,
      dlg,
    );
    dlg.addEventListener('cancel', (e) => {
      e.preventDefault();
      done(false);
    });
    dlg.showModal();
  });
}

// A labelled form field; `error` shows under it and is tied by aria-describedby.
export function field({ id, label, error, hint, control }) {
  return html`<div>
    <label class="label" for=${id}>${label}</label>
    ${control}
    ${hint ? html`<p class="mt-1 text-xs text-slate-500" id="${id}-hint">${hint}</p>` : nothing}
    ${error ? html`<p class="mt-1 text-sm text-red-700" id="${id}-error">${error}</p>` : nothing}
  </div>`;
}

export function pageTitle(text, actions = nothing) {
  return html`<div class="mb-6 flex flex-wrap items-center justify-between gap-3">
    <h1 class="text-2xl font-bold tracking-tight focus:outline-none" tabindex="-1">${text}</h1>
    ${actions}
  </div>`;
}

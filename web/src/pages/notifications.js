// My notifications (GET /api/notifications, paged, with unread_count): mark
// one or all read; the header's badge follows.
import { html, render, nothing, emptyState, toast } from '../ui/components.js';
import { api } from '../api.js';
import { b } from '../i18n/buyer.js';
import { formatDateTime } from '../format.js';
import { setUnread } from '../ui/layout.js';
import { icon, pagedList, pagedBody } from '../ui/buyer_parts.js';

const kPageSize = 20;
const kTypeIcon = { order: 'ticket', promotion: 'gift', event: 'calendar', system: 'info' };

export async function mount(el, ctx) {
  ctx.setTitle(b.notifications.title);
  const state = Object.assign(
    pagedList({
      path: '/notifications',
      limit: kPageSize,
      draw: () => draw(),
      onData: (r) => {
        state.unread = r.envelope.unread_count ?? 0;
        setUnread(state.unread);
      },
    }),
    { unread: 0, busy: false },
  );

  async function markOne(n) {
    if (n.is_read) return;
    try {
      await api.put(`/notifications/${encodeURIComponent(n.id)}/read`, {});
      n.is_read = true;
      state.unread = Math.max(0, state.unread - 1);
      setUnread(state.unread);
    } catch (err) {
      toast(err.text, 'error');
    }
    draw();
  }

  async function markAll() {
    state.busy = true;
    draw();
    try {
      await api.put('/notifications/read-all', {});
      for (const n of state.items || []) n.is_read = true;
      state.unread = 0;
      setUnread(0);
      toast(b.notifications.allMarked);
    } catch (err) {
      toast(err.text, 'error');
    }
    state.busy = false;
    draw();
  }

  const item = (n) => html`<li class="flex gap-3 p-4 ${n.is_read ? 'bg-white' : 'bg-brand-50/60'}">
    <span class="flex h-10 w-10 shrink-0 items-center justify-center rounded-full ${n.is_read ? 'bg-slate-100' : 'bg-white ring-1 ring-brand-200'} ${n.is_read ? 'text-slate-500' : 'text-brand-600'}">${icon(kTypeIcon[n.type] || 'bell')}</span>
    <div class="min-w-0 flex-1">
      <div class="flex flex-wrap items-center gap-2">
        <h2 class="font-semibold text-slate-900 ${n.is_read ? '' : 'after:ml-2 after:inline-block after:h-2 after:w-2 after:rounded-full after:bg-brand-600'}">${n.title || b.notifications.types[n.type] || ''}</h2>
        ${n.is_read ? nothing : html`<span class="sr-only">(${b.notifications.new})</span>`}
      </div>
      ${n.message ? html`<p class="mt-0.5 text-sm text-slate-700">${n.message}</p>` : nothing}
      <div class="mt-1 flex flex-wrap items-center justify-between gap-2">
        <p class="text-xs text-slate-500">${b.notifications.types[n.type] ? html`${b.notifications.types[n.type]} · ` : nothing}<time datetime=${n.created_at}>${formatDateTime(n.created_at)}</time></p>
        ${n.is_read ? nothing : html`<button type="button" class="link text-xs" @click=${() => markOne(n)} aria-label="${b.notifications.markRead}: ${n.title || ''}">${b.notifications.markRead}</button>`}
      </div>
    </div>
  </li>`;

  const content = () =>
    pagedBody(state, {
      empty: emptyState(b.notifications.none),
      list: (items) => html`<ul class="card divide-y divide-slate-100 overflow-hidden">${items.map(item)}</ul>`,
    });

  function draw() {
    render(
      html`<div class="mb-4 flex flex-wrap items-center justify-between gap-3">
          <div>
            <h1 class="text-2xl font-bold tracking-tight focus:outline-none" tabindex="-1">${b.notifications.title}</h1>
            <p class="mt-1 text-sm text-slate-600" aria-live="polite">${state.items ? b.notifications.unread(state.unread) : ''}</p>
          </div>
          <button type="button" class="btn-secondary" ?disabled=${state.busy || state.unread === 0} @click=${markAll}>${b.notifications.markAll}</button>
        </div>
        ${content()}`,
      el,
    );
  }

  await state.load();
}

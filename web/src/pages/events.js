// The catalogue: search, category filter and paging over GET /api/events.
// The filters live in the URL (/events?search=..&category=..&page=2), so a
// result can be shared and the back button works.
import { html, render, nothing, spinner, errorBox, emptyState, pager } from '../ui/components.js';
import { api } from '../api.js';
import { b, categoryLabel } from '../i18n/buyer.js';
import { eventCard } from '../ui/buyer_parts.js';

const kPageSize = 6;
const kKnownCategories = ['Music', 'Tech', 'Food', 'Sports'];

export async function mount(el, ctx) {
  ctx.setTitle(b.events.title);
  const q = ctx.query;
  const state = {
    search: q.get('search') || '',
    category: q.get('category') || '',
    page: Math.max(1, Number(q.get('page')) || 1),
    items: null,
    pagination: null,
    categories: [...kKnownCategories],
    error: null,
  };
  let seq = 0;

  const toUrl = () => {
    const p = new URLSearchParams();
    if (state.search) p.set('search', state.search);
    if (state.category) p.set('category', state.category);
    if (state.page > 1) p.set('page', String(state.page));
    const s = p.toString();
    return s ? `/events?${s}` : '/events';
  };

  const onSearch = (e) => {
    e.preventDefault();
    state.search = new FormData(e.currentTarget).get('search').trim();
    state.page = 1;
    update();
  };
  const onCategory = (e) => {
    state.category = e.currentTarget.value;
    state.page = 1;
    update();
  };
  const clear = () => {
    state.search = '';
    state.category = '';
    state.page = 1;
    el.querySelector('#event-search').value = '';
    update();
  };
  const go = (page) => {
    state.page = page;
    update();
    window.scrollTo({ top: 0 });
  };

  function update() {
    history.pushState(null, '', toUrl());
    load();
  }

  function results() {
    if (state.error) return errorBox(state.error, load);
    if (!state.items) return spinner();
    if (!state.items.length) {
      return html`${emptyState(b.events.none)}
        ${state.search || state.category ? html`<p class="mt-4 text-center"><button type="button" class="btn-secondary" @click=${clear}>${b.events.clear}</button></p>` : nothing}`;
    }
    return html`<div class="grid grid-cols-1 gap-3 sm:grid-cols-2 sm:gap-4 lg:grid-cols-3">${state.items.map((ev) => eventCard(ev, { row: true }))}</div>
      ${pager(state.pagination, go)}`;
  }

  function draw() {
    const total = state.pagination?.total;
    render(
      html`<h1 class="text-2xl font-bold tracking-tight focus:outline-none" tabindex="-1">${b.events.title}</h1>
        <div class="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end">
          <form role="search" class="flex flex-1 gap-2" @submit=${onSearch}>
            <div class="flex-1">
              <label for="event-search" class="sr-only">${b.events.searchLabel}</label>
              <input id="event-search" name="search" type="search" class="input h-11" placeholder=${b.events.searchPlaceholder} .value=${state.search} autocomplete="off" />
            </div>
            <button type="submit" class="btn-primary h-11">${b.events.searchButton}</button>
          </form>
          <div class="sm:w-56">
            <label for="event-category" class="sr-only">${b.events.categoryLabel}</label>
            <select id="event-category" class="input h-11" @change=${onCategory}>
              <option value="" ?selected=${!state.category}>${b.events.allCategories}</option>
              ${state.categories.map((c) => html`<option value=${c} ?selected=${c.toLowerCase() === state.category.toLowerCase()}>${categoryLabel(c)}</option>`)}
            </select>
          </div>
        </div>
        <p class="mt-4 min-h-[1.25rem] text-sm text-slate-500" aria-live="polite">${typeof total === 'number' && state.items ? b.events.results(total) : ''}</p>
        <div class="mt-2">${results()}</div>`,
      el,
    );
  }

  async function load() {
    const mine = ++seq;
    state.error = null;
    state.items = null;
    draw();
    try {
      const r = await api.get('/events', {
        upcoming: true,
        search: state.search,
        category: state.category,
        page: state.page,
        limit: kPageSize,
      });
      if (mine !== seq) return;
      state.items = r.data || [];
      state.pagination = r.pagination;
    } catch (err) {
      if (mine !== seq) return;
      state.error = err;
    }
    draw();
  }

  // The categories on offer: the known ones plus any an organiser has added.
  async function loadCategories() {
    try {
      const r = await api.get('/events', { upcoming: true, limit: 100 });
      const seen = new Map(state.categories.map((c) => [c.toLowerCase(), c]));
      for (const ev of r.data || []) if (ev.category && !seen.has(ev.category.toLowerCase())) seen.set(ev.category.toLowerCase(), ev.category);
      state.categories = [...seen.values()];
      draw();
    } catch {
      // The known categories are enough.
    }
  }

  draw();
  await Promise.all([load(), loadCategories()]);
}

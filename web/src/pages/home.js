// Home: the banner carousel (GET /api/banners), featured events
// (GET /api/events/featured) and what comes next (GET /api/events?upcoming=true).
import { html, render, nothing, spinner, errorBox, emptyState } from '../ui/components.js';
import { api } from '../api.js';
import { b } from '../i18n/buyer.js';
import { eventCard, eventImage, sectionTitle } from '../ui/buyer_parts.js';

const kAutoAdvanceMs = 6000;

// Where a banner leads: its own URL, else its event.
function bannerHref(banner) {
  if (banner.link_url) return banner.link_url;
  if (banner.event_id) return `/events/${banner.event_id}`;
  return null;
}

export async function mount(el, ctx) {
  ctx.setTitle(b.home.title);
  const state = { banners: null, featured: null, upcoming: null, error: null, slide: 0 };
  let timer = null;
  let paused = false;

  const track = () => el.querySelector('[data-carousel-track]');
  const goTo = (i, { smooth = true } = {}) => {
    const n = state.banners?.length || 0;
    if (!n) return;
    state.slide = (i + n) % n;
    const t = track();
    if (t) t.scrollTo({ left: state.slide * t.clientWidth, behavior: smooth ? 'smooth' : 'auto' });
    draw();
  };
  const onScroll = (e) => {
    const t = e.currentTarget;
    const i = Math.round(t.scrollLeft / Math.max(1, t.clientWidth));
    if (i !== state.slide) {
      state.slide = i;
      draw();
    }
  };

  const carousel = () => {
    const list = state.banners;
    if (!list) return html`<div class="aspect-[3/1] min-h-[9rem] animate-pulse rounded-2xl bg-slate-200"></div>`;
    if (!list.length) return nothing;
    return html`<section class="relative" aria-roledescription="carousel" aria-label=${b.home.carousel}
        @mouseenter=${() => (paused = true)} @mouseleave=${() => (paused = false)}
        @focusin=${() => (paused = true)} @focusout=${() => (paused = false)}>
      <div data-carousel-track class="flex snap-x snap-mandatory overflow-x-auto rounded-2xl shadow-sm [scrollbar-width:none] [&::-webkit-scrollbar]:hidden" @scroll=${onScroll}>
        ${list.map((bn, i) => {
          const href = bannerHref(bn);
          const external = href && /^https?:/i.test(href);
          const inner = html`${eventImage(bn.image_url, { alt: '', ratio: 'aspect-[3/1] min-h-[9rem]', rounded: '' })}
            <span class="absolute inset-x-0 bottom-0 bg-gradient-to-t from-slate-950/80 via-slate-950/30 to-transparent px-4 pb-4 pt-10 text-left text-base font-bold text-white sm:text-2xl">${bn.title || ''}</span>`;
          return html`<div class="relative w-full shrink-0 snap-start" role="group" aria-roledescription="slide" aria-label=${b.home.slide(i + 1, list.length)}>
            ${href
              ? html`<a href=${href} class="relative block focus:outline-none focus-visible:ring-4 focus-visible:ring-brand-300" target=${external ? '_blank' : nothing} rel=${external ? 'noopener' : nothing} aria-label=${bn.title || b.home.carousel}>${inner}</a>`
              : html`<div class="relative">${inner}</div>`}
          </div>`;
        })}
      </div>
      ${list.length > 1
        ? html`<button type="button" class="absolute left-2 top-1/2 hidden h-10 w-10 -translate-y-1/2 items-center justify-center rounded-full bg-white/85 text-slate-800 shadow hover:bg-white sm:flex" aria-label=${b.home.prevSlide} @click=${() => goTo(state.slide - 1)}>‹</button>
            <button type="button" class="absolute right-2 top-1/2 hidden h-10 w-10 -translate-y-1/2 items-center justify-center rounded-full bg-white/85 text-slate-800 shadow hover:bg-white sm:flex" aria-label=${b.home.nextSlide} @click=${() => goTo(state.slide + 1)}>›</button>
            <div class="mt-3 flex justify-center gap-2">
              ${list.map((_, i) => html`<button type="button" class="h-2.5 rounded-full transition-all ${i === state.slide ? 'w-6 bg-brand-600' : 'w-2.5 bg-slate-300 hover:bg-slate-400'}" aria-label=${b.home.goToSlide(i + 1)} aria-current=${i === state.slide ? 'true' : 'false'} @click=${() => goTo(i)}></button>`)}
            </div>`
        : nothing}
    </section>`;
  };

  const grid = (items, empty) => {
    if (!items) return spinner();
    if (!items.length) return emptyState(empty);
    return html`<div class="grid grid-cols-1 gap-3 sm:grid-cols-2 sm:gap-4 lg:grid-cols-3">${items.map((ev) => eventCard(ev, { row: true }))}</div>`;
  };
  // Featured: a row to swipe through on a phone, a grid from sm up.
  const strip = (items, empty) => {
    if (!items) return spinner();
    if (!items.length) return emptyState(empty);
    return html`<ul class="-mx-4 flex snap-x snap-mandatory scroll-px-4 gap-3 overflow-x-auto px-4 pb-2 [scrollbar-width:none] sm:mx-0 sm:grid sm:grid-cols-2 sm:gap-4 sm:overflow-visible sm:px-0 lg:grid-cols-3 [&::-webkit-scrollbar]:hidden">
      ${items.map((ev) => html`<li class="grid w-[78%] shrink-0 snap-start sm:w-auto">${eventCard(ev)}</li>`)}
    </ul>`;
  };

  function draw() {
    render(
      html`<h1 class="sr-only focus:outline-none" tabindex="-1">${b.home.title}</h1>
        ${carousel()}
        <p class="mt-6 text-sm text-slate-600 sm:text-base">${b.home.hero}</p>
        ${state.error
          ? html`<div class="mt-6">${errorBox(state.error, load)}</div>`
          : html`${state.featured && !state.featured.length
                ? nothing
                : html`<section aria-label=${b.home.featured}>${sectionTitle(b.home.featured)}${strip(state.featured, b.home.noFeatured)}</section>`}
              <section aria-label=${b.home.upcoming}>
                ${sectionTitle(b.home.upcoming, html`<a href="/events" class="link text-sm">${b.home.seeAll}</a>`)}
                ${grid(state.upcoming, b.home.noUpcoming)}
              </section>`}`,
      el,
    );
  }

  async function load() {
    state.error = null;
    draw();
    try {
      const [banners, featured, upcoming] = await Promise.all([
        api.get('/banners').catch(() => ({ data: [] })),
        api.get('/events/featured'),
        api.get('/events', { upcoming: true, limit: 6 }),
      ]);
      state.banners = banners.data || [];
      state.featured = featured.data || [];
      state.upcoming = upcoming.data || [];
    } catch (err) {
      state.banners = state.banners || [];
      state.error = err;
    }
    draw();
  }

  draw();
  await load();
  // No automatic movement for people who asked their system for less motion.
  if (window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) return () => {};
  timer = setInterval(() => {
    if (!paused && !document.hidden && (state.banners?.length || 0) > 1) goTo(state.slide + 1);
  }, kAutoAdvanceMs);
  return () => clearInterval(timer);
}

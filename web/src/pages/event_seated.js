// The seat picker of a seated event's page: the live map (GET
// /api/events/:id/seats, read again every few seconds while the page is open),
// the chosen seats with their total and Buy, and "best available" by quantity
// per zone. A chosen seat someone else takes meanwhile leaves the selection
// with a sentence; a purchase refused with SEAT_UNAVAILABLE names the seats
// and redraws the map.
import { html, nothing, spinner, errorBox } from '../ui/components.js';
import { api, newIdempotencyKey } from '../api.js';
import { isLoggedIn } from '../session.js';
import { loginUrl } from '../router.js';
import { b } from '../i18n/buyer.js';
import { s, seatName } from '../i18n/seats.js';
import { money } from '../format.js';
import { buyerSeatMap, zoneColor, zoneLegend, stateLegend, mark, keepOneTabStop } from '../ui/seat_map.js';

const kPollMs = 3000;
const kMaxPerType = 10;
const kDraftKey = 'evient.buyer.seats';

// Whether an event is sold by seat (the detail names its room).
export function isSeated(ev) {
  return Boolean(ev?.seating?.room_id ?? ev?.is_seated ?? ev?.room_id);
}

// The seat ids a SEAT_UNAVAILABLE refusal names, wherever the server put them.
export function takenSeatIds(err) {
  const out = new Set();
  const add = (v) => {
    if (typeof v === 'string' || typeof v === 'number') out.add(String(v));
    else if (Array.isArray(v)) v.forEach(add);
    else if (v && typeof v === 'object') {
      if (v.seat_id !== undefined) add(v.seat_id);
      if (v.seat_ids !== undefined) add(v.seat_ids);
      if (v.id !== undefined && v.seat_id === undefined) add(v.id);
    }
  };
  add(err?.data?.seat_ids);
  const d = err?.details;
  if (Array.isArray(d)) d.forEach(add);
  else if (d && typeof d === 'object') add(d.seat_ids ?? d);
  return [...out];
}

export function seatedCheckout({ ev, ctx, closed, redraw, root }) {
  const st = {
    map: null,
    error: null,
    stale: false,
    picked: new Map(), // seat id → seat
    best: {}, // ticket type id → quantity
    notice: null,
    buyError: null,
    busy: false,
  };
  let timer = null;
  let alive = true;
  let key = null;
  let keyFor = '';
  let loading = null;

  const types = ev.ticket_types || [];
  const typeIndex = new Map(types.map((tt, i) => [tt.id, i]));
  const zones = () => {
    const m = new Map();
    for (const tt of types) m.set(tt.id, { id: tt.id, name: tt.name, price: Number(tt.price), color: zoneColor(typeIndex.get(tt.id)), left: 0, seats: 0 });
    for (const seat of st.map?.seats || []) {
      const z = m.get(seat.ticket_type_id);
      if (!z) continue;
      z.seats += 1;
      if (seat.state === 'available') z.left += 1;
    }
    return m;
  };
  const seatedZones = () => [...zones().values()].filter((z) => z.seats > 0);
  // Types of a seated event sold without seats (standing room), bought by quantity.
  const unseated = () =>
    types
      .filter((tt) => tt.is_seated === false && tt.status !== 'hidden')
      .map((tt) => ({ id: tt.id, name: tt.name, price: Number(tt.price), color: null, unseated: true, left: Math.max(0, Number(tt.available ?? tt.quantity_total - tt.quantity_sold)) }));
  const byId = () => new Map((st.map?.seats || []).map((x) => [String(x.id), x]));
  const pickedOf = (typeId) => [...st.picked.values()].filter((x) => x.ticket_type_id === typeId);
  const total = () => [...st.picked.values()].reduce((n, x) => n + Number(zones().get(x.ticket_type_id)?.price || 0), 0);
  const bestCount = () => Object.values(st.best).reduce((n, q) => n + q, 0);

  function draw() {
    if (!alive) return;
    redraw();
    if (root()) keepOneTabStop(root());
  }

  function saveDraft() {
    try {
      sessionStorage.setItem(kDraftKey, JSON.stringify({ slug: ev.slug, seats: [...st.picked.keys()], best: st.best }));
    } catch {
      // Private mode: the buyer picks again.
    }
  }
  function takeDraft() {
    try {
      const d = JSON.parse(sessionStorage.getItem(kDraftKey) || 'null');
      sessionStorage.removeItem(kDraftKey);
      return d && d.slug === ev.slug ? d : null;
    } catch {
      return null;
    }
  }

  // Reads the map; seats of mine that are no longer available leave the selection.
  async function loadMap({ quiet = false } = {}) {
    if (loading) return loading;
    loading = (async () => {
      try {
        const { data } = await api.get(`/events/${encodeURIComponent(ev.id)}/seats`);
        if (!alive) return;
        st.map = data;
        st.error = null;
        st.stale = false;
        const seats = byId();
        const lost = [];
        for (const [id, mine] of st.picked) {
          const now = seats.get(String(id));
          if (!now || now.state !== 'available') {
            st.picked.delete(id);
            lost.push(seatName(mine.row, mine.number));
          } else st.picked.set(id, now);
        }
        if (lost.length) st.notice = s.map.taken(lost);
      } catch (err) {
        if (!alive) return;
        if (!st.map) st.error = err;
        else if (!quiet || err.status === 0) st.stale = true;
      }
    })();
    await loading;
    loading = null;
    draw();
  }

  function poll() {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (!alive) return;
      if (!document.hidden && !st.busy) await loadMap({ quiet: true });
      if (alive) poll();
    }, kPollMs);
  }

  function toggle(seat) {
    if (st.busy || closed) return;
    st.buyError = null;
    st.notice = null;
    if (st.picked.has(seat.id)) st.picked.delete(seat.id);
    else {
      if (pickedOf(seat.ticket_type_id).length >= kMaxPerType) {
        st.buyError = s.map.limit(kMaxPerType, zones().get(seat.ticket_type_id)?.name || '');
        return draw();
      }
      st.picked.set(seat.id, seat);
    }
    draw();
  }

  function setBest(typeId, n, max) {
    st.best = { ...st.best, [typeId]: Math.max(0, Math.min(max, n)) };
    st.buyError = null;
    draw();
  }

  async function order(items, { best }) {
    if (st.busy) return;
    if (!isLoggedIn()) {
      saveDraft();
      ctx.navigate(loginUrl(location.pathname));
      return;
    }
    const sig = JSON.stringify(items);
    if (!key || keyFor !== sig) {
      key = newIdempotencyKey();
      keyFor = sig;
    }
    st.busy = true;
    st.buyError = null;
    st.notice = null;
    draw();
    try {
      const { data } = await api.post('/orders', { ticket_items: items }, { idempotencyKey: key });
      key = null;
      alive = false;
      clearTimeout(timer);
      ctx.navigate(`/orders/${data.order.id}`);
      return;
    } catch (err) {
      if (err.code === 'IDEMPOTENCY_KEY_REUSED') key = null;
      if (err.code === 'SEAT_UNAVAILABLE') {
        const seats = byId();
        const ids = takenSeatIds(err);
        const names = ids.map((id) => seats.get(id) || st.picked.get(id)).filter(Boolean).map((x) => seatName(x.row, x.number));
        for (const id of ids) st.picked.delete(id);
        st.buyError = best && !ids.length ? s.map.bestNoRow : s.map.unavailable(names);
        key = null;
      } else if (err.code === 'SEAT_NOT_IN_TYPE') {
        st.buyError = s.map.notInType;
        key = null;
      } else if (best && err.status === 409 && !['LIMIT_EXCEEDED', 'EVENT_NOT_ON_SALE', 'IDEMPOTENCY_IN_PROGRESS'].includes(err.code)) {
        st.buyError = s.map.bestNoRow;
      } else st.buyError = err.text;
      st.busy = false;
      await loadMap();
    }
    st.busy = false;
    draw();
  }

  function buyPicked() {
    if (!st.picked.size) {
      st.buyError = s.map.pickFirst;
      return draw();
    }
    const groups = new Map();
    for (const seat of st.picked.values()) {
      if (!groups.has(seat.ticket_type_id)) groups.set(seat.ticket_type_id, []);
      groups.get(seat.ticket_type_id).push(seat.id);
    }
    order([...groups].map(([ticket_type_id, seat_ids]) => ({ ticket_type_id, seat_ids })), { best: false });
  }

  function buyBest() {
    const items = Object.entries(st.best)
      .filter(([, q]) => q > 0)
      .map(([ticket_type_id, quantity]) => ({ ticket_type_id, quantity }));
    if (!items.length) {
      st.buyError = s.map.bestPickFirst;
      return draw();
    }
    order(items, { best: true });
  }

  // ---- the view ------------------------------------------------------------------
  const stepper = (z) => {
    const n = st.best[z.id] || 0;
    const max = Math.min(kMaxPerType, z.left);
    const id = `best-${z.id}`;
    const btn = 'flex h-10 w-10 items-center justify-center rounded-lg border border-slate-300 bg-white text-lg font-bold text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40';
    return html`<li class="flex items-center justify-between gap-3 py-2">
      <span class="flex min-w-0 items-center gap-2 text-sm">
        ${z.color ? html`<span class="h-3.5 w-3.5 shrink-0 ${z.color.shape} ${z.color.swatch}" aria-hidden="true"></span>` : nothing}
        <span class="font-medium text-slate-900">${z.name}${z.unseated ? html` <span class="font-normal text-slate-500">(${s.map.unseated})</span>` : nothing}</span>
        <span class="whitespace-nowrap text-slate-500">${money(z.price)}</span>
      </span>
      <span class="flex items-center gap-1">
        <button type="button" class=${btn} aria-label=${b.event.less(z.name)} aria-controls=${id} ?disabled=${st.busy || n <= 0} @click=${() => setBest(z.id, n - 1, max)}>−</button>
        <label for=${id} class="sr-only">${b.event.quantity(z.name)}</label>
        <input id=${id} type="number" inputmode="numeric" min="0" max=${max} .value=${String(n)} ?disabled=${st.busy || max === 0}
          class="h-10 w-12 rounded-lg border border-slate-300 text-center text-base font-semibold tabular-nums disabled:bg-slate-100 [appearance:textfield] [&::-webkit-inner-spin-button]:appearance-none [&::-webkit-outer-spin-button]:appearance-none"
          @change=${(e) => setBest(z.id, Math.floor(Number(e.currentTarget.value) || 0), max)} />
        <button type="button" class=${btn} aria-label=${b.event.more(z.name)} aria-controls=${id} ?disabled=${st.busy || n >= max} @click=${() => setBest(z.id, n + 1, max)}>+</button>
      </span>
    </li>`;
  };

  const pickedList = () => {
    const zs = zones();
    const groups = seatedZones().map((z) => ({ z, seats: pickedOf(z.id).sort((a, c) => (a.row === c.row ? a.number - c.number : a.row < c.row ? -1 : 1)) }));
    const any = groups.some((g) => g.seats.length);
    if (!any) return html`<p class="mt-2 text-sm text-slate-500">${s.map.noneSelected}</p>`;
    return html`<ul class="mt-2 space-y-3">
      ${groups
        .filter((g) => g.seats.length)
        .map(
          ({ z, seats }) => html`<li>
            <p class="flex items-center justify-between gap-2 text-sm">
              <span class="flex items-center gap-2 font-medium text-slate-900"><span class="h-3.5 w-3.5 ${z.color.shape} ${z.color.swatch}" aria-hidden="true"></span>${z.name}</span>
              <span class="tabular-nums text-slate-700">${seats.length} × ${money(zs.get(z.id).price)}</span>
            </p>
            <ul class="mt-1 flex flex-wrap gap-1.5" aria-label=${z.name}>
              ${seats.map(
                (x) => html`<li class="inline-flex items-center gap-1 rounded-full bg-slate-100 py-1 pl-3 pr-1 text-sm text-slate-800">
                  ${seatName(x.row, x.number)}
                  <button type="button" class="flex h-7 w-7 items-center justify-center rounded-full text-slate-500 hover:bg-slate-200 hover:text-slate-900" aria-label=${s.map.remove(seatName(x.row, x.number))} ?disabled=${st.busy} @click=${() => toggle(x)}>${mark('cross', 'h-3.5 w-3.5')}</button>
                </li>`,
              )}
            </ul>
          </li>`,
        )}
    </ul>`;
  };

  const mapSection = () => {
    if (st.error) return errorBox({ text: `${s.map.failed} ${st.error.text || ''}` }, () => loadMap());
    if (!st.map) return spinner(s.map.loading);
    return html`${zoneLegend(seatedZones())}
      <div class="mt-4">${buyerSeatMap({ map: st.map, zones: zones(), picked: new Set(st.picked.keys()), onToggle: toggle, closed: Boolean(closed) || st.busy })}</div>
      ${Number(st.map.room?.seats_per_row) > 8 ? html`<p class="mt-1 text-center text-xs text-slate-400 sm:hidden">${s.map.scrollHint}</p>` : nothing}
      <div class="mt-3">${stateLegend()}</div>
      ${st.stale ? html`<p class="mt-2 text-xs font-medium text-amber-700" role="status">${s.map.stale}</p>` : nothing}`;
  };

  // On a phone the chosen seats sit below the map: a bar at the bottom of the
  // screen keeps their count and total in sight and leads down to them.
  const phoneBar = () => {
    const n = st.picked.size;
    if (!n || closed) return nothing;
    return html`<div class="sticky bottom-16 z-10 -my-3 flex items-center justify-between gap-3 rounded-xl bg-slate-900 px-4 py-2.5 text-white shadow-lg lg:hidden">
      <p class="text-sm"><span class="font-semibold">${s.map.count(n)}</span> · <span class="tabular-nums">${money(total())}</span></p>
      <button type="button" class="rounded-lg bg-white px-3 py-2 text-sm font-semibold text-slate-900"
        @click=${() => {
          const panelEl = root()?.querySelector('#seat-panel');
          panelEl?.scrollIntoView({ behavior: 'smooth', block: 'start' });
          panelEl?.querySelector('#picked-heading')?.focus({ preventScroll: true });
        }}>${s.map.toSummary}</button>
    </div>`;
  };

  const panel = () => {
    const n = st.picked.size;
    const bn = bestCount();
    return html`<section class="card p-4 sm:p-5" aria-labelledby="picked-heading">
      <h2 id="picked-heading" class="text-lg font-bold focus:outline-none" tabindex="-1">${s.map.selected}</h2>
      ${closed ? html`<p class="mt-3 rounded-lg bg-slate-100 p-3 text-sm text-slate-700" role="status">${closed}</p>` : nothing}
      <div aria-live="polite">
        ${st.notice ? html`<p class="mt-3 rounded-lg bg-amber-50 p-3 text-sm text-amber-900" role="status">${st.notice}</p>` : nothing}
      </div>
      ${closed
        ? nothing
        : html`${pickedList()}
            <div class="mt-3 border-t border-slate-200 pt-3">
              <div class="flex items-center justify-between gap-3">
                <div aria-live="polite">
                  <p class="text-xs text-slate-500">${b.event.total}${n ? html` · ${s.map.count(n)}` : nothing}</p>
                  <p class="whitespace-nowrap text-xl font-bold tabular-nums text-slate-900">${money(total())}</p>
                </div>
                <button type="button" class="btn-primary min-h-[3rem] max-w-[60%] flex-1 text-base leading-tight sm:flex-none sm:min-w-[10rem]" ?disabled=${st.busy} @click=${buyPicked}>
                  ${st.busy ? b.event.buying : isLoggedIn() ? (n ? s.map.buy(n) : b.event.buy) : b.event.loginToBuy}
                </button>
              </div>
              ${n ? html`<button type="button" class="btn-ghost mt-1 px-0 text-sm" ?disabled=${st.busy} @click=${() => { st.picked.clear(); st.buyError = null; draw(); }}>${s.map.clear}</button>` : nothing}
            </div>
            <div aria-live="assertive">
              ${st.buyError ? html`<p class="mt-3 rounded-lg bg-red-50 p-3 text-sm text-red-800" role="alert">${st.buyError}</p>` : nothing}
            </div>
            <section class="mt-5 border-t border-slate-200 pt-4" aria-labelledby="best-heading">
              <h3 id="best-heading" class="font-semibold text-slate-900">${s.map.best}</h3>
              <p class="mt-1 text-xs text-slate-500">${s.map.bestLead}</p>
              <ul class="mt-2 divide-y divide-slate-100">${st.map ? [...seatedZones(), ...unseated()].map(stepper) : nothing}</ul>
              <button type="button" class="btn-secondary mt-2 w-full" ?disabled=${st.busy || !st.map} @click=${buyBest}>${s.map.bestBuy(bn)}</button>
            </section>
            <p class="mt-3 text-xs text-slate-400">${s.map.maxLine(kMaxPerType)}</p>`}
    </section>`;
  };

  return {
    // The map beside (desktop) or above (phone) the chosen seats and Buy.
    view: () => html`<div class="mt-6 grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_24rem] lg:items-start">
      <section class="card min-w-0 p-3 sm:p-5" aria-labelledby="map-heading">
        <h2 id="map-heading" class="text-lg font-bold">${s.map.heading}${ev.seating?.room_name ? html` <span class="font-medium text-slate-500">· ${ev.seating.room_name}</span>` : nothing}</h2>
        <p class="mb-4 mt-1 text-sm text-slate-600">${s.map.lead}</p>
        ${mapSection()}
      </section>
      ${phoneBar()}
      <div class="min-w-0 scroll-mt-20 lg:sticky lg:top-20" id="seat-panel">${panel()}</div>
    </div>`,
    async start() {
      const draft = takeDraft();
      await loadMap();
      if (draft && st.map) {
        const seats = byId();
        for (const id of draft.seats || []) {
          const seat = seats.get(String(id));
          if (seat && seat.state === 'available') st.picked.set(seat.id, seat);
        }
        st.best = draft.best || {};
        draw();
      }
      poll();
    },
    stop() {
      alive = false;
      clearTimeout(timer);
    },
  };
}

// One event's seating (/admin/events/:id/seating): the room it is seated in,
// each ticket type's zone painted on the room's seats (a click paints a seat,
// a row's name the whole row), saved at once (PUT .../seating sets every
// type's quantity to its seats; refused with 409 once a seat is held or sold),
// and house seats blocked or unblocked one click at a time (.../seating/blocks).
import { html, render, nothing, spinner, errorBox, toast, confirmDialog } from '../../ui/components.js';
import { api } from '../../api.js';
import { money } from '../../format.js';
import { t } from '../../i18n/vi.js';
import { s } from '../../i18n/seats.js';
import { alertBox } from '../../ui/admin_common.js';
import { seatGrid, seatButton, gap, zoneColor, stateLegend, roomRows, roomSeatsPerRow, seatActive, keepOneTabStop } from '../../ui/seat_map.js';

const S = s.seating;

export async function mount(el, ctx) {
  const id = ctx.params.id;
  ctx.setTitle(S.open);
  const st = {
    ev: null,
    rooms: [],
    room: null, // the chosen room with its seats
    saved: new Map(), // seat id → ticket type id, as the server has it
    paint: new Map(), // seat id → ticket type id, as drawn here
    brush: null, // ticket type id, or '' to erase
    mode: 'zones',
    states: new Map(), // seat id → state on the event's map
    seatedRoomId: null,
    loadError: null,
    notice: null, // {kind, text, lines}
    locked: false,
    busy: false,
  };

  const types = () => st.ev?.ticket_types || [];
  const colorOf = (typeId) => zoneColor(types().findIndex((tt) => tt.id === typeId));
  const typeName = (typeId) => types().find((tt) => tt.id === typeId)?.name || '';
  const dirty = () =>
    st.room?.id !== st.seatedRoomId ||
    st.paint.size !== st.saved.size ||
    [...st.paint].some(([seat, type]) => st.saved.get(seat) !== type);
  const taken = () => [...st.states.values()].some((x) => x === 'held' || x === 'sold');

  // ---- loading ----------------------------------------------------------------------------
  async function loadRoom(roomId) {
    st.room = roomId ? (await api.get(`/rooms/${roomId}`)).data : null;
  }

  // The seats' states come from the public map; a draft event has none (nothing
  // is held or sold yet), so its blocks are remembered here as they are made.
  async function loadMap() {
    if (!st.seatedRoomId) {
      st.states = new Map();
      return false;
    }
    try {
      const { data } = await api.get(`/events/${id}/seats`);
      st.states = new Map((data.seats || []).map((x) => [String(x.id), x.state]));
      return true;
    } catch {
      return false;
    }
  }

  async function loadSeating() {
    const { data } = await api.get(`/admin/events/${id}/seating`);
    const room = data?.room || null;
    st.seatedRoomId = room?.id || data?.room_id || null;
    st.saved = new Map();
    for (const z of data?.zones || []) for (const seatId of z.seat_ids || []) st.saved.set(String(seatId), z.ticket_type_id);
    st.paint = new Map(st.saved);
    await loadRoom(st.seatedRoomId);
    await loadMap();
    st.locked = taken();
  }

  async function load() {
    st.loadError = null;
    draw();
    try {
      const [ev, rooms] = await Promise.all([api.get(`/admin/events/${id}`), api.get('/rooms')]);
      st.ev = ev.data;
      st.rooms = rooms.data || [];
      ctx.setTitle(S.title(st.ev.title));
      if (st.brush === null) st.brush = types()[0]?.id ?? '';
      await loadSeating();
    } catch (err) {
      st.loadError = err;
    }
    draw();
  }

  // ---- actions ------------------------------------------------------------------------------
  async function run(fn) {
    if (st.busy) return;
    st.busy = true;
    draw();
    try {
      await fn();
    } catch (err) {
      const locked = err.code === 'SEATING_LOCKED';
      st.notice = { kind: 'error', text: locked ? S.locked : err.code === 'TICKET_TYPE_HAS_SALES' ? S.typeHasSales : err.text };
      if (locked) st.locked = true;
    }
    st.busy = false;
    draw();
  }

  const pickRoom = (roomId) =>
    run(async () => {
      st.notice = null;
      await loadRoom(roomId);
      st.paint = roomId === st.seatedRoomId ? new Map(st.saved) : new Map();
    });

  function paintSeat(seat) {
    if (st.locked || st.busy || !seatActive(seat)) return;
    if (st.brush) st.paint.set(seat.id, st.brush);
    else st.paint.delete(seat.id);
    st.notice = null;
    draw();
  }

  function paintRow(row) {
    if (st.locked || st.busy) return;
    for (const seat of st.room.seats || []) {
      if (seat.row !== row || !seatActive(seat)) continue;
      if (st.brush) st.paint.set(seat.id, st.brush);
      else st.paint.delete(seat.id);
    }
    st.notice = null;
    draw();
  }

  const save = () =>
    run(async () => {
      const byType = new Map();
      for (const [seatId, typeId] of st.paint) {
        if (!byType.has(typeId)) byType.set(typeId, []);
        byType.get(typeId).push(seatId);
      }
      const zones = [...byType].map(([ticket_type_id, seat_ids]) => ({ ticket_type_id, seat_ids }));
      await api.put(`/admin/events/${id}/seating`, { room_id: st.room.id, zones });
      st.ev = (await api.get(`/admin/events/${id}`)).data;
      await loadSeating();
      st.notice = {
        kind: 'ok',
        text: S.saved,
        lines: types()
          .filter((tt) => byType.has(tt.id))
          .map((tt) => S.quantity(tt.name, tt.quantity_total)),
      };
      toast(S.savedShort);
    });

  // Back to selling by quantity: the event leaves its room.
  async function unseat() {
    if (!(await confirmDialog({ title: S.unseatTitle, body: S.unseatBody, confirmLabel: S.unseat, danger: true }))) return;
    run(async () => {
      await api.put(`/admin/events/${id}/seating`, { room_id: null, zones: [] });
      st.ev = (await api.get(`/admin/events/${id}`)).data;
      await loadSeating();
      st.mode = 'zones';
      st.notice = { kind: 'ok', text: S.unseated };
    });
  }

  const toggleBlock = (seat) =>
    run(async () => {
      const blocked = st.states.get(String(seat.id)) !== 'blocked';
      const { data } = await api.put(`/admin/events/${id}/seating/blocks`, { seat_ids: [seat.id], blocked });
      if (!(await loadMap())) for (const changed of data?.changed || [seat.id]) st.states.set(String(changed), blocked ? 'blocked' : 'available');
      const name = s.seatName(seat.row, seat.number);
      st.notice = { kind: 'ok', text: blocked ? S.blocked(name) : S.unblocked(name) };
    });

  // ---- the view --------------------------------------------------------------------------------
  const zoneCounts = () => {
    const n = new Map();
    for (const typeId of st.paint.values()) n.set(typeId, (n.get(typeId) || 0) + 1);
    return n;
  };

  const brushes = () => {
    const counts = zoneCounts();
    const option = (value, label, swatch, count) => html`<label class="flex cursor-pointer items-center gap-2 rounded-lg border px-3 py-2 text-sm ${st.brush === value ? 'border-slate-900 bg-slate-50 ring-1 ring-slate-900' : 'border-slate-200 hover:bg-slate-50'}">
      <input type="radio" name="brush" class="h-4 w-4" .checked=${st.brush === value} ?disabled=${st.locked} @change=${() => { st.brush = value; draw(); }} />
      <span class="h-4 w-4 shrink-0 ${swatch}" aria-hidden="true"></span>
      <span class="min-w-0 flex-1 font-medium">${label}</span>
      ${count === null ? nothing : html`<span class="whitespace-nowrap text-xs text-slate-500">${S.zoneCount(count)}</span>`}
    </label>`;
    return html`<fieldset>
      <legend class="label">${S.brush}</legend>
      <div class="grid gap-2 sm:grid-cols-2 xl:grid-cols-1">
        ${types().map((tt) => option(tt.id, html`${tt.name} <span class="font-normal text-slate-500">· ${money(tt.price)}</span>`, `${colorOf(tt.id).shape} ${colorOf(tt.id).swatch}`, counts.get(tt.id) || 0))}
        ${option('', S.eraser, 'rounded border-2 border-dashed border-slate-300 bg-white', null)}
      </div>
    </fieldset>`;
  };

  const cell = (seat) => {
    if (!seat) return gap();
    const typeId = st.paint.get(seat.id);
    const state = st.states.get(String(seat.id));
    if (!seatActive(seat)) return seatButton({ seat, look: 'disabled', picked: null, title: s.states.disabled, disabled: true });
    if (st.mode === 'blocks') {
      if (!typeId) return seatButton({ seat, look: 'off', picked: null, title: S.unassigned, disabled: true });
      if (state === 'held' || state === 'sold') return seatButton({ seat, look: state, picked: null, markName: state === 'held' ? 'clock' : 'cross', title: s.states[state], disabled: true });
      const blocked = state === 'blocked';
      return seatButton({
        seat,
        look: blocked ? 'blocked' : 'zone',
        zone: colorOf(typeId),
        picked: blocked,
        markName: blocked ? 'lock' : null,
        title: blocked ? s.states.blocked : typeName(typeId),
        disabled: st.busy,
        onClick: () => toggleBlock(seat),
      });
    }
    if (state === 'held' || state === 'sold' || state === 'blocked') {
      const markName = { held: 'clock', sold: 'cross', blocked: 'lock' }[state];
      return seatButton({ seat, look: state, picked: null, markName, title: `${typeName(typeId)} · ${s.states[state]}`, disabled: st.locked || st.busy, onClick: () => paintSeat(seat) });
    }
    return seatButton({
      seat,
      look: typeId ? 'zone' : 'plain',
      zone: typeId ? colorOf(typeId) : undefined,
      picked: null,
      title: typeId ? typeName(typeId) : S.unassigned,
      disabled: st.locked || st.busy,
      onClick: () => paintSeat(seat),
    });
  };

  const rowHead = (row) => {
    if (st.mode === 'blocks' || st.locked) return html`<span class="w-6 shrink-0 text-center text-xs font-bold text-slate-500" aria-hidden="true">${row}</span>`;
    const label = st.brush ? S.paintRow(row, typeName(st.brush)) : `${S.eraser}: ${s.map.row(row)}`;
    return html`<button type="button" class="h-8 w-6 shrink-0 rounded text-xs font-bold text-slate-600 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-900"
      aria-label=${label} ?disabled=${st.busy} @click=${() => paintRow(row)}>${row}</button>`;
  };

  const modeSwitch = () => html`<div class="inline-flex rounded-lg border border-slate-300 p-0.5" role="group" aria-label=${S.mode}>
    ${[['zones', S.modeZones], ['blocks', S.modeBlocks]].map(
      ([k, label]) => html`<button type="button" aria-pressed=${st.mode === k ? 'true' : 'false'}
        class="rounded-md px-3 py-1.5 text-sm font-medium ${st.mode === k ? 'bg-slate-900 text-white' : 'text-slate-700 hover:bg-slate-100'}"
        ?disabled=${st.busy} @click=${() => { st.mode = k; st.notice = null; draw(); }}>${label}</button>`,
    )}
  </div>`;

  const noticeBox = () => {
    if (!st.notice) return nothing;
    if (st.notice.lines)
      return html`<div class="mb-4 rounded-lg border border-green-200 bg-green-50 p-4 text-sm text-green-800" role="status">
        <p class="font-semibold">${st.notice.text}</p>
        <ul class="mt-1 list-inside list-disc">${st.notice.lines.map((l) => html`<li>${l}</li>`)}</ul>
      </div>`;
    return alertBox(st.notice.text, st.notice.kind);
  };

  const roomPicker = () => {
    const choices = st.rooms.filter((r) => (r.isActive ?? r.is_active ?? true) !== false || r.id === st.room?.id);
    return html`<div>
      <label class="label" for="seating-room">${S.room}</label>
      <select id="seating-room" class="input" ?disabled=${st.locked || st.busy} @change=${(e) => pickRoom(e.target.value)}>
        <option value="" ?selected=${!st.room}>${S.pickRoom}</option>
        ${choices.map((r) => html`<option value=${r.id} ?selected=${r.id === st.room?.id}>${r.name} (${s.rooms.size(roomRows(r), roomSeatsPerRow(r))})</option>`)}
      </select>
      ${st.rooms.length ? nothing : html`<p class="mt-1 text-sm text-slate-500">${S.noRooms}</p>`}
      <a class="link mt-1 inline-block text-sm" href="/admin/rooms">${S.manageRooms}</a>
    </div>`;
  };

  function draw() {
    const back = html`<a class="link text-sm" href="/admin/events/${id}">${S.back}</a>`;
    if (st.loadError) return render(html`${back}<div class="mt-4">${errorBox(st.loadError, load)}</div>`, el);
    if (!st.ev) return render(html`${back}${spinner()}`, el);
    const canBlock = st.seatedRoomId && st.room?.id === st.seatedRoomId && !dirty();
    render(
      html`${back}
        <h1 class="mb-2 mt-3 text-2xl font-bold tracking-tight focus:outline-none" tabindex="-1">${S.title(st.ev.title)}</h1>
        <p class="mb-4 max-w-3xl text-sm text-slate-600">${S.lead}</p>
        <div aria-live="polite">${noticeBox()}</div>
        ${st.locked && st.notice?.text !== S.locked ? html`<div class="mb-4 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900" role="status">${S.locked}</div>` : nothing}
        ${types().length ? nothing : alertBox(S.noTypes)}
        <div class="grid gap-6 xl:grid-cols-[20rem_minmax(0,1fr)] xl:items-start">
          <section class="card space-y-5 p-4 sm:p-5" aria-label=${S.zones}>
            ${roomPicker()}
            ${st.room && st.mode === 'zones' ? brushes() : nothing}
            ${st.room && st.mode === 'zones'
              ? html`<div class="flex flex-col gap-2">
                  <button type="button" class="btn-primary" ?disabled=${st.busy || st.locked || !dirty() || !st.paint.size} @click=${save}>${st.busy ? t.common.saving : S.save}</button>
                  ${dirty() && !st.locked ? html`<p class="text-xs font-medium text-amber-700">${S.unsaved}</p>` : nothing}
                </div>`
              : nothing}
            ${st.seatedRoomId && !st.locked
              ? html`<button type="button" class="btn-ghost w-full text-red-700" ?disabled=${st.busy} @click=${unseat}>${S.unseat}</button>`
              : nothing}
          </section>
          ${st.room
            ? html`<section class="card min-w-0 p-3 sm:p-5" aria-labelledby="seating-grid-h">
                <div class="mb-3 flex flex-wrap items-center justify-between gap-3">
                  <h2 id="seating-grid-h" class="text-lg font-semibold">${st.room.name}</h2>
                  ${modeSwitch()}
                </div>
                <p class="mb-4 text-sm text-slate-600">${st.mode === 'zones' ? S.paintLead : canBlock ? S.blocksLead : S.blocksNeedSave}</p>
                ${st.mode === 'blocks' && !canBlock
                  ? nothing
                  : seatGrid({ rows: roomRows(st.room), seatsPerRow: roomSeatsPerRow(st.room), seats: st.room.seats || [], label: s.map.label(st.room.name), cell, rowHead })}
                <div class="mt-3">${stateLegend(['held', 'sold', 'blocked', 'disabled'])}</div>
                ${st.mode === 'zones' ? html`<p class="mt-2 text-xs text-slate-600">${S.unassignedHint}</p>` : nothing}
                ${st.mode === 'blocks' ? html`<p class="mt-2 text-sm text-slate-600">${S.blockedCount([...st.states.values()].filter((x) => x === 'blocked').length)}</p>` : nothing}
              </section>`
            : nothing}
        </div>`,
      el,
    );
    keepOneTabStop(el);
  }

  await load();
}

// Rooms for seated events. /admin/rooms lists them and creates one (name, rows,
// seats per row); /admin/rooms/:id renames or resizes it, switches it on or
// off, deletes it (refused while an event uses it), and edits its seat grid:
// a click switches a seat on or off (a row's name does the whole row), and
// "Lưu sơ đồ ghế" saves every change at once (PUT /api/rooms/:id/seats).
import { html, render, nothing, spinner, errorBox, emptyState, toast, confirmDialog, field, pageTitle, badge } from '../../ui/components.js';
import { api } from '../../api.js';
import { number } from '../../format.js';
import { t } from '../../i18n/vi.js';
import { ta } from '../../i18n/admin.js';
import { s } from '../../i18n/seats.js';
import { dataTable, td, alertBox, formDialog, formValues } from '../../ui/admin_common.js';
import { seatGrid, seatButton, gap, roomRows, roomSeatsPerRow, seatActive, keepOneTabStop } from '../../ui/seat_map.js';

const R = s.rooms;
const kMaxRows = 100;
const kMaxSeats = 200;

const roomActive = (r) => (r?.isActive ?? r?.is_active ?? true) !== false;
const activeCount = (r) => (r.seats || []).filter(seatActive).length;
const statusBadge = (r) => (roomActive(r) ? badge(R.active, 'green') : badge(R.inactive, 'slate'));
// 409 on a room: an event is seated in it.
const roomError = (err) => (err.status === 409 && !['ROOM_IN_USE', 'ROOM_INACTIVE'].includes(err.code) ? R.inUse : err.text);

// The size fields shared by the create dialog and the details form.
function sizeFields(prefix, v) {
  const num = (name, label, value, max, hint) =>
    field({
      id: `${prefix}-${name}`,
      label,
      hint,
      control: html`<input id="${prefix}-${name}" name=${name} type="number" inputmode="numeric" min="1" max=${max} step="1" class="input" required .value=${value ?? ''}
        aria-describedby=${hint ? `${prefix}-${name}-hint` : nothing} />`,
    });
  return html`<div class="grid gap-4 sm:grid-cols-2">
    ${num('rows', R.fRows, v.rows, kMaxRows, R.fRowsHint)}
    ${num('seatsPerRow', R.fSeats, v.seatsPerRow, kMaxSeats)}
  </div>`;
}

function readRoom(form) {
  const f = formValues(form);
  const bad = (text) => Object.assign(new Error(text), { text });
  const rows = Number(f.rows);
  const seatsPerRow = Number(f.seatsPerRow);
  if (!f.name) throw bad(`${R.fName}: ${ta.edit.required}`);
  if (!Number.isInteger(rows) || rows < 1 || rows > kMaxRows) throw bad(`${R.fRows}: 1–${kMaxRows}`);
  if (!Number.isInteger(seatsPerRow) || seatsPerRow < 1 || seatsPerRow > kMaxSeats) throw bad(`${R.fSeats}: 1–${kMaxSeats}`);
  return { name: f.name, rows, seatsPerRow };
}

export async function mount(el, ctx) {
  return ctx.params.id ? roomPage(el, ctx, ctx.params.id) : listPage(el, ctx);
}

// ---- the list -----------------------------------------------------------------------
async function listPage(el, ctx) {
  ctx.setTitle(R.title);
  let rooms = null;
  let error = null;

  async function create() {
    const room = await formDialog({
      title: R.createTitle,
      submitLabel: R.create,
      body: () => html`${field({ id: 'room-name', label: R.fName, control: html`<input id="room-name" name="name" class="input" required maxlength="120" autocomplete="off" />` })}
        ${sizeFields('room', { rows: 5, seatsPerRow: 8 })}`,
      onSubmit: async (form) => (await api.post('/rooms', readRoom(form))).data,
    });
    if (room) {
      toast(R.created(room.name));
      ctx.navigate(`/admin/rooms/${room.id}`);
    }
  }

  const draw = () => {
    let body;
    if (error) body = errorBox(error, load);
    else if (!rooms) body = spinner();
    else if (!rooms.length) body = emptyState(R.empty);
    else
      body = dataTable(
        [R.colName, R.colSize, R.colSeats, R.colStatus, R.colActions],
        rooms.map(
          (r) => html`<tr>
            ${td(html`<a class="link" href="/admin/rooms/${r.id}">${r.name}</a>`)}
            ${td(R.size(roomRows(r), roomSeatsPerRow(r)), 'whitespace-nowrap')}
            ${td(number(activeCount(r)))}
            ${td(statusBadge(r))}
            ${td(html`<a class="btn-secondary" href="/admin/rooms/${r.id}" aria-label=${R.openOf(r.name)}>${R.open}</a>`)}
          </tr>`,
        ),
      );
    render(
      html`${pageTitle(R.title, html`<button type="button" class="btn-primary" @click=${create}>${R.create}</button>`)}
        <p class="-mt-3 mb-4 max-w-2xl text-sm text-slate-600">${R.lead}</p>
        <div aria-live="polite">${body}</div>`,
      el,
    );
  };

  async function load() {
    error = null;
    draw();
    try {
      rooms = (await api.get('/rooms')).data || [];
    } catch (err) {
      error = err;
    }
    draw();
  }
  await load();
}

// ---- one room -------------------------------------------------------------------------
async function roomPage(el, ctx, id) {
  ctx.setTitle(R.title);
  let room = null;
  let loadError = null;
  let notice = null; // {kind, text}
  let busy = false;
  let formError = null;
  const changes = new Map(); // seat id → wanted isActive

  const isOn = (seat) => (changes.has(seat.id) ? changes.get(seat.id) : seatActive(seat));

  function flip(seat) {
    const want = !isOn(seat);
    if (want === seatActive(seat)) changes.delete(seat.id);
    else changes.set(seat.id, want);
    draw();
  }

  function flipRow(row) {
    const seats = (room.seats || []).filter((x) => x.row === row);
    const want = !seats.every(isOn);
    for (const seat of seats) {
      if (want === seatActive(seat)) changes.delete(seat.id);
      else changes.set(seat.id, want);
    }
    draw();
  }

  function setRoom(data) {
    room = data;
    changes.clear();
    ctx.setTitle(`${R.title} · ${room.name}`);
  }

  async function run(fn) {
    if (busy) return;
    busy = true;
    notice = null;
    draw();
    try {
      await fn();
    } catch (err) {
      notice = { kind: 'error', text: roomError(err) };
    }
    busy = false;
    draw();
  }

  const saveDetails = (e) => {
    e.preventDefault();
    formError = null;
    let body;
    try {
      body = readRoom(e.target);
    } catch (err) {
      formError = err.text;
      return draw();
    }
    if (body.rows === roomRows(room)) delete body.rows;
    if (body.seatsPerRow === roomSeatsPerRow(room)) delete body.seatsPerRow;
    run(async () => {
      try {
        setRoom((await api.put(`/rooms/${id}`, body)).data);
        toast(R.saved);
      } catch (err) {
        formError = roomError(err);
      }
    });
  };

  const toggleRoom = () =>
    run(async () => {
      const { data } = await api.patch(`/rooms/${id}/toggle`);
      setRoom(data?.seats ? data : (await api.get(`/rooms/${id}`)).data);
      notice = { kind: 'ok', text: roomActive(room) ? R.activated : R.deactivated };
    });

  async function remove() {
    if (!(await confirmDialog({ title: R.delTitle(room.name), body: R.delBody, confirmLabel: R.del, danger: true }))) return;
    run(async () => {
      await api.del(`/rooms/${id}`);
      toast(R.deleted);
      ctx.navigate('/admin/rooms');
    });
  }

  const saveSeats = () =>
    run(async () => {
      const seats = [...changes].map(([seatId, isActive]) => ({ id: seatId, isActive }));
      const { data } = await api.put(`/rooms/${id}/seats`, { seats });
      setRoom(data?.seats ? data : (await api.get(`/rooms/${id}`)).data);
      notice = { kind: 'ok', text: R.seatsSaved };
    });

  const detailsForm = () => html`<form class="card p-4 sm:p-6" novalidate aria-labelledby="room-info-h" @submit=${saveDetails}>
    <h2 id="room-info-h" class="text-lg font-semibold">${R.details}</h2>
    <div class="mt-3">${alertBox(formError)}</div>
    <div class="space-y-4">
      ${field({ id: 'room-name', label: R.fName, control: html`<input id="room-name" name="name" class="input" required maxlength="120" autocomplete="off" .value=${room.name} />` })}
      ${sizeFields('room', { rows: roomRows(room), seatsPerRow: roomSeatsPerRow(room) })}
      <p class="text-xs text-slate-500">${R.resizeHint}</p>
    </div>
    <div class="mt-4 flex justify-end"><button type="submit" class="btn-primary" ?disabled=${busy}>${busy ? t.common.saving : R.save}</button></div>
  </form>`;

  const grid = () => {
    const seats = room.seats || [];
    const on = seats.filter(isOn).length;
    return html`<section class="card p-4 sm:p-6" aria-labelledby="room-grid-h">
      <div class="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="room-grid-h" class="text-lg font-semibold">${R.grid}</h2>
        <p class="text-sm text-slate-600">${R.activeSeats(on, seats.length)}</p>
      </div>
      <p class="mb-4 mt-1 text-sm text-slate-600">${R.gridLead}</p>
      ${seatGrid({
        rows: roomRows(room),
        seatsPerRow: roomSeatsPerRow(room),
        seats,
        label: s.map.label(room.name),
        rowHead: (row) => html`<button type="button" class="h-8 w-6 shrink-0 rounded text-xs font-bold text-slate-600 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-900"
          aria-label=${R.toggleRow(row)} ?disabled=${busy} @click=${() => flipRow(row)}>${row}</button>`,
        cell: (seat) => {
          if (!seat) return gap();
          const onNow = isOn(seat);
          const changed = changes.has(seat.id);
          return seatButton({
            seat,
            look: onNow ? 'plain' : 'off',
            picked: onNow,
            markName: onNow ? null : 'cross',
            title: `${onNow ? R.seatOn : R.seatOff}${changed ? ` · ${R.changed}` : ''}`,
            extra: changed ? 'ring-2 ring-amber-400 ring-offset-1' : '',
            disabled: busy,
            onClick: () => flip(seat),
          });
        },
      })}
      <p class="mt-3 text-xs text-slate-600">${R.legend}</p>
      <div class="sticky bottom-0 -mx-4 mt-4 flex flex-wrap items-center justify-end gap-3 border-t border-slate-200 bg-white px-4 py-3 sm:-mx-6 sm:px-6">
        <p class="mr-auto text-sm text-slate-600" aria-live="polite">${changes.size ? R.pending(changes.size) : ''}</p>
        <button type="button" class="btn-secondary" ?disabled=${busy || !changes.size} @click=${() => { changes.clear(); draw(); }}>${R.undo}</button>
        <button type="button" class="btn-primary" ?disabled=${busy || !changes.size} @click=${saveSeats}>${R.saveSeats}</button>
      </div>
    </section>`;
  };

  function draw() {
    if (loadError) return render(html`<a class="link text-sm" href="/admin/rooms">${R.back}</a><div class="mt-4">${errorBox(loadError, load)}</div>`, el);
    if (!room) return render(spinner(), el);
    render(
      html`<a class="link text-sm" href="/admin/rooms">${R.back}</a>
        <div class="mb-6 mt-3 flex flex-wrap items-start justify-between gap-3">
          <div>
            <h1 class="text-2xl font-bold tracking-tight focus:outline-none" tabindex="-1">${room.name}</h1>
            <p class="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">${statusBadge(room)} <span>${R.size(roomRows(room), roomSeatsPerRow(room))}</span></p>
          </div>
          <div class="flex flex-wrap gap-2">
            <button type="button" class="btn-secondary" ?disabled=${busy} @click=${toggleRoom}>${roomActive(room) ? R.deactivate : R.activate}</button>
            <button type="button" class="btn-ghost text-red-700" ?disabled=${busy} @click=${remove}>${R.del}</button>
          </div>
        </div>
        <div aria-live="polite">${notice ? alertBox(notice.text, notice.kind) : nothing}</div>
        <div class="grid gap-6 xl:grid-cols-[22rem_minmax(0,1fr)] xl:items-start">
          ${detailsForm()}
          ${grid()}
        </div>`,
      el,
    );
    keepOneTabStop(el);
  }

  async function load() {
    loadError = null;
    draw();
    try {
      setRoom((await api.get(`/rooms/${id}`)).data);
    } catch (err) {
      loadError = err;
    }
    draw();
  }
  await load();
}


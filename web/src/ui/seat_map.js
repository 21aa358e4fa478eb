// Seat maps: a room drawn as rows × seats, used by the buyer's event page (one
// seat per button, zone colours, live states) and the organiser's room and
// seating editors (the same grid, other meanings for a click). Each zone has a
// colour and a shape of its own.
//
// States are told apart by shape and mark as well as colour: available seats
// show their number, the buyer's own a check mark, held ones a clock, sold ones
// a cross, blocked ones a lock, and places without a seat a dashed outline.
// Every seat is a real <button> named "Hàng A ghế 5"; its state is its title
// (read as the description) and aria-disabled; the grid is one tab stop and
// the arrow keys move between seats.
import { html, nothing } from './components.js';
import { money } from '../format.js';
import { s, seatName } from '../i18n/seats.js';

// Zones, one per ticket type in order: a colour and a shape each, so that two
// zones differ by more than colour (classes written out for Tailwind).
const kZones = [
  { shape: 'rounded-b-sm rounded-t-lg', swatch: 'bg-sky-500', seat: 'border-sky-600 bg-sky-100 text-sky-900 hover:bg-sky-200', picked: 'border-sky-800 bg-sky-700 text-white' },
  { shape: 'rounded-full', swatch: 'bg-violet-500', seat: 'border-violet-600 bg-violet-100 text-violet-900 hover:bg-violet-200', picked: 'border-violet-800 bg-violet-700 text-white' },
  { shape: 'rounded-none', swatch: 'bg-emerald-500', seat: 'border-emerald-600 bg-emerald-100 text-emerald-900 hover:bg-emerald-200', picked: 'border-emerald-800 bg-emerald-700 text-white' },
  { shape: 'rounded-bl-none rounded-br-xl rounded-tl-xl rounded-tr-none', swatch: 'bg-amber-500', seat: 'border-amber-600 bg-amber-100 text-amber-900 hover:bg-amber-200', picked: 'border-amber-800 bg-amber-700 text-white' },
  { shape: 'rounded-b-lg rounded-t-none', swatch: 'bg-rose-500', seat: 'border-rose-600 bg-rose-100 text-rose-900 hover:bg-rose-200', picked: 'border-rose-800 bg-rose-700 text-white' },
  { shape: 'rounded-bl-xl rounded-br-none rounded-tl-none rounded-tr-xl', swatch: 'bg-teal-500', seat: 'border-teal-600 bg-teal-100 text-teal-900 hover:bg-teal-200', picked: 'border-teal-800 bg-teal-700 text-white' },
];
export const zoneColor = (i) => kZones[((i % kZones.length) + kZones.length) % kZones.length];

const kSeatBase =
  'relative flex h-8 w-8 shrink-0 items-center justify-center border-2 text-[11px] font-semibold leading-none tabular-nums transition focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-900 focus-visible:ring-offset-1 sm:h-9 sm:w-9 sm:text-xs';
const kSeatShape = 'rounded-b-md rounded-t-lg';
const kStateLook = {
  held: 'border-dashed border-slate-400 bg-white text-slate-500 cursor-not-allowed',
  sold: 'border-slate-300 bg-slate-300 text-slate-600 cursor-not-allowed',
  blocked: 'border-slate-500 bg-slate-100 text-slate-700 cursor-not-allowed',
  disabled: 'border-dashed border-slate-200 bg-transparent text-transparent cursor-not-allowed',
  plain: 'border-slate-400 bg-white text-slate-700 hover:bg-slate-100',
  off: 'border-dashed border-slate-300 bg-slate-50 text-slate-400 hover:bg-slate-100',
};

const kMarks = {
  check: 'M5 12.5l4.5 4.5L19 7.5',
  clock: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7.5V12l3 2',
  cross: 'M7 7l10 10M17 7L7 17',
  lock: 'M6.5 11h11v9h-11zM9 11V8a3 3 0 0 1 6 0v3',
};
export const mark = (name, cls = 'h-4 w-4') =>
  html`<svg viewBox="0 0 24 24" class=${cls} fill="none" stroke="currentColor" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d=${kMarks[name]}></path></svg>`;

// Row names as the server writes them: 0 → A … 25 → Z, 26 → AA, 27 → AB …
export function rowName(i) {
  let n = i;
  let out = '';
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

// A room's size whichever spelling the endpoint uses.
export const roomRows = (r) => Number(r?.rows ?? 0);
export const roomSeatsPerRow = (r) => Number(r?.seatsPerRow ?? r?.seats_per_row ?? 0);
export const seatActive = (seat) => (seat.isActive ?? seat.is_active ?? true) !== false;

// One seat's look and content: `look` is 'zone' (with `zone`, `picked`) or a
// state from kStateLook; `mark` a kMarks name or null for the seat's number.
export function seatButton({ seat, label, title, look, zone, picked = false, markName = null, disabled = false, onClick, extra = '' }) {
  const cls = look === 'zone' ? `${zone.shape} ${picked ? zone.picked : zone.seat}` : `${kSeatShape} ${kStateLook[look] || kStateLook.plain}`;
  return html`<button type="button" class="${kSeatBase} ${cls} ${extra}" data-seat=${seat.id} data-pos="${seat.row}-${seat.number}"
    tabindex="-1" aria-label=${label || seatName(seat.row, seat.number)} title=${title || nothing}
    aria-pressed=${picked === null ? nothing : picked ? 'true' : 'false'} aria-disabled=${disabled ? 'true' : 'false'}
    @click=${disabled ? null : onClick}>${markName ? mark(markName) : seat.number}</button>`;
}

// Arrow keys move between seats (the grid is one tab stop); Home/End go to
// the ends of a row.
function onGridKey(e) {
  const btn = e.target.closest?.('button[data-pos]');
  if (!btn) return;
  const rows = [...e.currentTarget.querySelectorAll('[data-seat-row]')];
  const r = rows.findIndex((row) => row.contains(btn));
  const inRow = (i) => (rows[i] ? [...rows[i].querySelectorAll('button[data-pos]')] : []);
  const c = inRow(r).indexOf(btn);
  let next = null;
  if (e.key === 'ArrowRight') next = inRow(r)[c + 1];
  else if (e.key === 'ArrowLeft') next = inRow(r)[c - 1];
  else if (e.key === 'ArrowDown') next = inRow(r + 1)[Math.min(c, inRow(r + 1).length - 1)];
  else if (e.key === 'ArrowUp') next = inRow(r - 1)[Math.min(c, inRow(r - 1).length - 1)];
  else if (e.key === 'Home') next = inRow(r)[0];
  else if (e.key === 'End') next = inRow(r).at(-1);
  else return;
  e.preventDefault();
  if (next) moveFocus(e.currentTarget, next);
}
function moveFocus(grid, btn) {
  for (const b of grid.querySelectorAll('button[data-pos][tabindex="0"]')) b.tabIndex = -1;
  btn.tabIndex = 0;
  btn.focus();
}
function onGridFocus(e) {
  const btn = e.target.closest?.('button[data-pos]');
  if (btn && btn.tabIndex !== 0) {
    for (const b of e.currentTarget.querySelectorAll('button[data-pos][tabindex="0"]')) b.tabIndex = -1;
    btn.tabIndex = 0;
  }
}
// After each draw: exactly one seat is reachable with Tab (the last focused
// one if it is still there, else the first).
export function keepOneTabStop(root) {
  for (const grid of root.querySelectorAll('[data-seat-grid]')) {
    const stops = grid.querySelectorAll('button[data-pos][tabindex="0"]');
    if (stops.length === 1) continue;
    stops.forEach((b, i) => (b.tabIndex = i === 0 ? 0 : -1));
    if (!stops.length) {
      const first = grid.querySelector('button[data-pos]');
      if (first) first.tabIndex = 0;
    }
  }
}

// The grid: `cell(seat | null, row, number)` draws each place (null where the
// room has no seat record), `rowHead(row)` the row's name on the left (a
// plain label unless given). It scrolls sideways when wider than the screen.
export function seatGrid({ rows, seatsPerRow, seats, cell, rowHead, label, stage = true }) {
  const byPos = new Map(seats.map((x) => [`${x.row}-${x.number}`, x]));
  const names = Array.from({ length: rows }, (_, i) => rowName(i));
  const head = rowHead || ((row) => html`<span class="w-6 shrink-0 text-center text-xs font-bold text-slate-500" aria-hidden="true">${row}</span>`);
  return html`<div class="overflow-x-auto overscroll-x-contain pb-2">
    <div class="mx-auto w-max px-1">
      ${stage
        ? html`<div class="mx-auto mb-4 w-3/4 min-w-[10rem] rounded-b-[2rem] bg-slate-800 py-1.5 text-center text-xs font-semibold uppercase tracking-widest text-white" aria-hidden="true">${s.map.stage}</div>`
        : nothing}
      <div role="group" aria-label=${label} data-seat-grid class="flex flex-col gap-1 sm:gap-1.5" @keydown=${onGridKey} @focusin=${onGridFocus}>
        ${names.map(
          (row) => html`<div class="flex items-center gap-0.5 sm:gap-1" role="group" aria-label=${s.map.row(row)} data-seat-row>
            ${head(row)}
            ${Array.from({ length: seatsPerRow }, (_, i) => cell(byPos.get(`${row}-${i + 1}`) || null, row, i + 1))}
            <span class="hidden w-6 shrink-0 text-center text-xs font-bold text-slate-500 sm:block" aria-hidden="true">${row}</span>
          </div>`,
        )}
      </div>
    </div>
  </div>`;
}

// A place without any seat record (outside the room's seats): an empty gap.
export const gap = () => html`<span class="h-8 w-8 shrink-0 sm:h-9 sm:w-9" aria-hidden="true"></span>`;

// The key to the marks: every state with its look and its name.
export function stateLegend(states = ['available', 'selected', 'held', 'sold', 'blocked', 'disabled']) {
  const sample = {
    available: html`<span class="${kSeatBase} ${kSeatShape} ${kStateLook.plain} pointer-events-none h-6 w-6 sm:h-6 sm:w-6">1</span>`,
    selected: html`<span class="${kSeatBase} ${kSeatShape} pointer-events-none h-6 w-6 border-slate-800 bg-slate-700 text-white sm:h-6 sm:w-6">${mark('check', 'h-3.5 w-3.5')}</span>`,
    held: html`<span class="${kSeatBase} ${kSeatShape} ${kStateLook.held} pointer-events-none h-6 w-6 sm:h-6 sm:w-6">${mark('clock', 'h-3.5 w-3.5')}</span>`,
    sold: html`<span class="${kSeatBase} ${kSeatShape} ${kStateLook.sold} pointer-events-none h-6 w-6 sm:h-6 sm:w-6">${mark('cross', 'h-3.5 w-3.5')}</span>`,
    blocked: html`<span class="${kSeatBase} ${kSeatShape} ${kStateLook.blocked} pointer-events-none h-6 w-6 sm:h-6 sm:w-6">${mark('lock', 'h-3.5 w-3.5')}</span>`,
    disabled: html`<span class="${kSeatBase} ${kSeatShape} ${kStateLook.disabled} pointer-events-none h-6 w-6 sm:h-6 sm:w-6"></span>`,
  };
  return html`<ul class="flex flex-wrap gap-x-4 gap-y-2 text-xs text-slate-600" aria-label=${s.map.legend}>
    ${states.map((k) => html`<li class="flex items-center gap-1.5">${sample[k]}<span>${s.states[k]}</span></li>`)}
  </ul>`;
}

// The zones' key: colour, ticket type, price and seats left.
export function zoneLegend(zones) {
  return html`<ul class="grid gap-2 sm:grid-cols-2" aria-label=${s.map.zones}>
    ${zones.map(
      (z) => html`<li class="flex items-center gap-2 rounded-lg bg-slate-50 px-3 py-2 text-sm">
        <span class="h-5 w-5 shrink-0 ${z.color.shape} ${z.color.swatch}" aria-hidden="true"></span>
        <span class="min-w-0 flex-1 font-medium text-slate-900">${z.name}</span>
        <span class="whitespace-nowrap font-semibold tabular-nums text-slate-800">${money(z.price)}</span>
        ${z.left === undefined ? nothing : html`<span class="whitespace-nowrap text-xs text-slate-500">· ${s.map.left(z.left)}</span>`}
      </li>`,
    )}
  </ul>`;
}

// The buyer's map. `map` is GET /api/events/:id/seats; `zones` maps a ticket
// type id to {name, price, color}; `picked` is the set of chosen seat ids.
export function buyerSeatMap({ map, zones, picked, onToggle, closed = false }) {
  const room = map.room || {};
  return seatGrid({
    rows: roomRows(room),
    seatsPerRow: roomSeatsPerRow(room),
    seats: map.seats || [],
    label: s.map.label(room.name || ''),
    cell: (seat) => {
      if (!seat) return gap();
      const zone = zones.get(seat.ticket_type_id);
      const mine = picked.has(seat.id);
      const state = seat.state === 'available' && !zone ? 'disabled' : seat.state;
      if (state === 'available' || mine) {
        return seatButton({
          seat,
          look: 'zone',
          zone: zone?.color || zoneColor(0),
          picked: mine,
          markName: mine ? 'check' : null,
          title: zone ? `${zone.name} · ${money(zone.price)}` : '',
          disabled: closed && !mine,
          onClick: () => onToggle(seat),
        });
      }
      const markName = { held: 'clock', sold: 'cross', blocked: 'lock' }[state] || null;
      return seatButton({ seat, look: kStateLook[state] ? state : 'disabled', picked: null, markName, title: s.states[state] || s.states.disabled, disabled: true });
    },
  });
}

// Money, dates and counts for Vietnamese readers. Money arrives from the API as
// a number in the currency's units (VND has no minor unit): 50000 → "50.000 ₫".
// Dates arrive as UTC ISO-8601 and are shown in the viewer's own time zone.
const kLocale = 'vi-VN';
const moneyFormat = new Intl.NumberFormat(kLocale, { style: 'currency', currency: 'VND' });
const numberFormat = new Intl.NumberFormat(kLocale);

// Intl puts a no-break space before ₫; keep it (it must not wrap) but make it
// an ordinary-looking one for tests and copy/paste.
export function money(value) {
  if (value === null || value === undefined || value === '') return '';
  return moneyFormat.format(Number(value)).replace(/\u00a0/g, ' ');
}

export function number(value) {
  return numberFormat.format(Number(value || 0));
}

const dateTime = new Intl.DateTimeFormat(kLocale, {
  weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat(kLocale, { day: '2-digit', month: '2-digit', year: 'numeric' });
const timeOnly = new Intl.DateTimeFormat(kLocale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dayMonth = new Intl.DateTimeFormat(kLocale, { day: '2-digit', month: '2-digit' });

const parse = (iso) => (iso instanceof Date ? iso : new Date(iso));

export function formatDateTime(iso) {
  return iso ? dateTime.format(parse(iso)) : '';
}
export function formatDate(iso) {
  return iso ? dateOnly.format(parse(iso)) : '';
}
export function formatTime(iso) {
  return iso ? timeOnly.format(parse(iso)) : '';
}
export function formatDayMonth(iso) {
  return iso ? dayMonth.format(parse(iso)) : '';
}

// "mm:ss" left until the ISO time; "00:00" once it has passed.
export function countdown(untilIso, now = Date.now()) {
  const ms = Math.max(0, parse(untilIso).getTime() - now);
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

// <input type="datetime-local"> speaks local wall-clock time; the API speaks UTC.
export function toLocalInput(iso) {
  if (!iso) return '';
  const d = parse(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
export function fromLocalInput(value) {
  if (!value) return null;
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

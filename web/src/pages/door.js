// The door: a steward's phone at the entrance. Pick the event, scan the QR on a
// ticket (or type its code), and get a verdict no one can misread, with a sound
// and a vibration. One small request decides each verdict; the screen shows the
// network state and is never green unless the server answered OK.
import { svg } from 'lit-html';
import { html, render, nothing, errorBox, spinner } from '../ui/components.js';
import { api } from '../api.js';
import { formatDateTime, formatDate, formatTime, number } from '../format.js';
import { d } from '../i18n/door.js';
import { seatLine } from '../i18n/seats.js';
import { createScanner } from '../ui/door_camera.js';
import { feedback, primeAudio, primeOnGesture } from '../ui/door_feedback.js';

const kEventKey = 'evient.door.event';
// For grouping the picker only; the server decides with its own window.
const kDoorWindowMs = 6 * 3600 * 1000;
const kRequestTimeoutMs = 8000;
const kStatsEveryMs = 5000;
const kOkDismissMs = 3000;
// The same code seen again this soon (e.g. still in front of the camera) is ignored.
const kRepeatMs = 3000;

// Verdict kinds → look and words.
const kVerdicts = {
  OK: { tone: 'ok', title: d.verdict.ok, sub: d.verdict.okSub, color: 'bg-green-600 text-white', icon: 'check' },
  ALREADY_USED: { tone: 'refuse', title: d.verdict.alreadyUsed, color: 'bg-red-600 text-white', icon: 'cross' },
  CANCELLED: { tone: 'refuse', title: d.verdict.cancelled, sub: d.verdict.refuseSub, color: 'bg-red-600 text-white', icon: 'cross' },
  EVENT_NOT_ON: { tone: 'refuse', title: d.verdict.eventNotOn, sub: d.verdict.refuseSub, color: 'bg-red-600 text-white', icon: 'cross' },
  WRONG_EVENT: { tone: 'refuse', title: d.verdict.wrongEvent, sub: d.verdict.refuseSub, color: 'bg-red-600 text-white', icon: 'cross' },
  NOT_FOUND: { tone: 'refuse', title: d.verdict.notFound, color: 'bg-red-600 text-white', icon: 'question' },
  EVENT_NOT_TODAY: { tone: 'warn', title: d.verdict.notToday, sub: d.verdict.notTodaySub, color: 'bg-amber-400 text-slate-950', icon: 'clock' },
  NETWORK: { tone: 'warn', title: d.verdict.network, color: 'bg-slate-800 text-white', icon: 'offline' },
  ERROR: { tone: 'warn', title: d.verdict.error, color: 'bg-slate-800 text-white', icon: 'offline' },
};

const icon = (name) => {
  const paths = {
    check: svg`<path d="M5 12.5l4.5 4.5L19 7.5" />`,
    cross: svg`<path d="M6 6l12 12M18 6L6 18" />`,
    question: svg`<path d="M9 9a3 3 0 1 1 4.2 2.75c-.75.35-1.2 1.05-1.2 1.85V14.5" /><path d="M12 18h.01" />`,
    clock: svg`<circle cx="12" cy="12" r="8.5" /><path d="M12 7.5V12l3 2" />`,
    offline: svg`<path d="M3 3l18 18" /><path d="M8.5 16.5a5 5 0 0 1 7 0M5 13a10 10 0 0 1 5-2.7M19 13a10 10 0 0 0-2.2-1.6M2 9.5a15 15 0 0 1 4.6-2.8M22 9.5A15 15 0 0 0 11 5.1" /><path d="M12 20h.01" />`,
  };
  return html`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round" class="h-28 w-28" aria-hidden="true">${paths[name]}</svg>`;
};

const cameraIcon = html`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" class="h-10 w-10" aria-hidden="true"><path d="M4 8h3l2-2.5h6L17 8h3v11H4z" /><circle cx="12" cy="13.5" r="3.5" /></svg>`;

// A seated event's ticket names its seat (on the ticket or beside it).
const seatOf = (view) => view?.seat || view?.ticket?.seat || null;

const hm = (iso) => formatTime(iso).slice(0, 5);

function windowOf(ev, now) {
  const start = Date.parse(ev.start_time);
  const end = ev.end_time ? Date.parse(ev.end_time) : start;
  if (Number.isNaN(start)) return 'upcoming';
  if (now >= start - kDoorWindowMs && now <= end + kDoorWindowMs) return 'today';
  return now < start ? 'upcoming' : 'past';
}

export async function mount(el, ctx) {
  ctx.setTitle(d.title);
  const st = {
    events: null,
    eventsError: null,
    eventId: localStorage.getItem(kEventKey) || '',
    stats: null,
    statsAt: null,
    statsFailed: false,
    online: navigator.onLine,
    netFail: false,
    camera: { state: 'idle', error: null },
    formError: '',
    busy: false,
    verdict: null,
    last: null,
    undoing: false,
    notice: null,
  };
  let alive = true;
  let statsSeq = 0;
  let okTimer = null;
  let noticeTimer = null;
  let lastScan = { code: '', at: 0 };

  const video = document.createElement('video');
  video.className = 'h-full w-full object-cover';
  video.muted = true;
  video.autoplay = true;
  video.setAttribute('playsinline', '');
  video.setAttribute('aria-label', d.camera.video);

  const scanner = createScanner({
    video,
    onCode: (text) => onScanned(text),
    onState: ({ state, error }) => {
      st.camera = { state, error: error || null };
      if (alive) draw();
    },
  });

  const currentEvent = () => st.events?.find((e) => e.id === st.eventId) || null;

  function markNet(ok) {
    st.netFail = !ok;
  }

  async function loadEvents() {
    st.eventsError = null;
    st.events = null;
    draw();
    try {
      const { data } = await api.get('/admin/events', { status: 'published', limit: 100 });
      if (!alive) return;
      markNet(true);
      const now = Date.now();
      st.events = data.map((e) => ({ ...e, when: windowOf(e, now) }));
      if (!currentEvent()) st.eventId = st.events.find((e) => e.when === 'today')?.id || '';
      draw();
      if (st.eventId) refreshStats();
    } catch (e) {
      if (!alive) return;
      if (e.status === 0) markNet(false);
      st.eventsError = e;
      draw();
    }
  }

  async function refreshStats() {
    const id = st.eventId;
    if (!id) return;
    const mine = ++statsSeq;
    // A hung request on a bad network must not pile up behind the poller.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), kRequestTimeoutMs);
    try {
      const { data } = await api.get('/admin/stats', { event_id: id }, { signal: abort.signal });
      if (!alive || mine !== statsSeq) return;
      markNet(true);
      st.stats = { checkedIn: data.tickets_checked_in ?? 0, sold: data.total_tickets ?? 0 };
      st.statsAt = new Date();
      st.statsFailed = false;
    } catch (e) {
      if (!alive || mine !== statsSeq) return;
      if (e.status === 0 || e.name === 'AbortError') markNet(false);
      st.statsFailed = true;
    } finally {
      clearTimeout(timer);
    }
    draw();
  }

  function pickEvent(id) {
    st.eventId = id;
    if (id) localStorage.setItem(kEventKey, id);
    else localStorage.removeItem(kEventKey);
    st.stats = null;
    st.statsFailed = false;
    st.last = null;
    draw();
    refreshStats();
  }

  function verdictFromError(e, code) {
    if (e.name === 'AbortError' || e.status === 0) return { kind: 'NETWORK', code };
    if (e.code === 'TICKET_NOT_FOUND') return { kind: 'NOT_FOUND', code };
    if (e.status === 409 && kVerdicts[e.code] && e.data?.ticket) return { kind: e.code, code, view: e.data };
    return { kind: 'ERROR', code, message: e.text };
  }

  async function checkIn(rawCode, source) {
    const code = rawCode.trim();
    if (!code || !st.eventId || st.busy) return;
    st.busy = true;
    st.formError = '';
    scanner.pause(true);
    draw();
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), kRequestTimeoutMs);
    let verdict;
    try {
      const { data } = await api.post('/admin/scanners/checkin', { code, event_id: st.eventId }, { signal: abort.signal });
      markNet(true);
      verdict = { kind: 'OK', code, view: data };
      st.last = { code: data.ticket.code, view: data };
    } catch (e) {
      verdict = verdictFromError(e, code);
      markNet(verdict.kind !== 'NETWORK');
    } finally {
      clearTimeout(timer);
      st.busy = false;
    }
    if (!alive) return;
    showVerdict({ ...verdict, source });
    if (verdict.kind !== 'NETWORK' && verdict.kind !== 'ERROR') refreshStats();
  }

  function showVerdict(v) {
    st.verdict = v;
    feedback(kVerdicts[v.kind].tone);
    clearTimeout(okTimer);
    if (v.kind === 'OK') okTimer = setTimeout(dismiss, kOkDismissMs);
    if (v.source === 'form' && v.kind !== 'NETWORK' && v.kind !== 'ERROR') {
      const input = el.querySelector('#door-code');
      if (input) input.value = '';
    }
    draw();
    el.querySelector('#door-verdict-next')?.focus({ preventScroll: true });
  }

  function dismiss() {
    if (!st.verdict) return;
    const source = st.verdict.source;
    clearTimeout(okTimer);
    st.verdict = null;
    lastScan.at = Date.now();
    scanner.pause(false);
    draw();
    if (source === 'form') el.querySelector('#door-code')?.focus({ preventScroll: true });
  }

  function onScanned(text) {
    const code = String(text).trim();
    if (!code || st.busy || st.verdict || !st.eventId) return;
    const now = Date.now();
    if (code === lastScan.code && now - lastScan.at < kRepeatMs) {
      lastScan.at = now;
      return;
    }
    lastScan = { code, at: now };
    checkIn(code, 'camera');
  }

  function onSubmit(e) {
    e.preventDefault();
    primeAudio();
    const code = String(new FormData(e.target).get('code') || '').trim();
    if (!code) {
      st.formError = d.form.required;
      draw();
      return;
    }
    checkIn(code, 'form');
  }

  async function undo() {
    if (!st.last || st.undoing) return;
    const code = st.last.code;
    st.undoing = true;
    draw();
    try {
      await api.post('/admin/scanners/undo', { code });
      markNet(true);
      st.last = null;
      notify(d.last.undone(code), 'ok');
    } catch (e) {
      if (e.status === 0) markNet(false);
      if (e.code === 'NOT_CHECKED_IN') st.last = null;
      notify(e.text, 'error');
    } finally {
      st.undoing = false;
    }
    if (!alive) return;
    draw();
    refreshStats();
  }

  // A line under the count (not a toast: nothing may cover the check-in button).
  function notify(text, kind) {
    st.notice = { text, kind };
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => {
      st.notice = null;
      draw();
    }, 6000);
  }

  function noticeLine() {
    const n = st.notice;
    const text = n
      ? html`<p class="rounded-lg px-4 py-3 text-sm font-medium ${n.kind === 'error' ? 'bg-red-100 text-red-800' : 'bg-slate-900 text-white'}">${n.text}</p>`
      : nothing;
    // Empty (only lit's comment markers) → :empty, so it takes no gap.
    return html`<div role="status" aria-live="polite" class="empty:hidden">${text}</div>`;
  }

  function toggleCamera() {
    primeAudio();
    if (scanner.running) scanner.stop();
    else scanner.start();
  }

  // --- drawing ---------------------------------------------------------------

  function netPill() {
    const [label, dot, ring] = !st.online
      ? [d.net.offline, 'bg-red-500', 'bg-red-500/15 text-red-100']
      : st.netFail
        ? [d.net.flaky, 'bg-amber-400', 'bg-amber-400/15 text-amber-100']
        : [d.net.online, 'bg-green-400', 'bg-green-400/15 text-green-100'];
    return html`<p class="inline-flex items-center gap-2 rounded-full px-3 py-1 text-xs font-semibold ${ring}" role="status" aria-live="polite">
      <span class="h-2 w-2 rounded-full ${dot}" aria-hidden="true"></span><span class="sr-only">${d.net.label}: </span>${label}
    </p>`;
  }

  function eventPicker() {
    if (st.eventsError) return errorBox(st.eventsError, loadEvents);
    if (!st.events) return spinner();
    if (!st.events.length) {
      return html`<p class="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">${d.event.none}</p>`;
    }
    const group = (when, label) => {
      const list = st.events.filter((e) => e.when === when);
      if (when === 'past') list.reverse();
      return list.length
        ? html`<optgroup label=${label}>
            ${list.map((e) => html`<option value=${e.id} ?selected=${e.id === st.eventId}>${e.title} · ${formatDate(e.start_time).slice(0, 5)} ${hm(e.start_time)}</option>`)}
          </optgroup>`
        : nothing;
    };
    const ev = currentEvent();
    return html`<div>
      <label class="label" for="door-event">${d.event.label}</label>
      <select id="door-event" class="input py-3 text-base" @change=${(e) => pickEvent(e.target.value)}>
        <option value="" ?selected=${!st.eventId}>${d.event.choose}</option>
        ${group('today', d.event.today)}${group('upcoming', d.event.upcoming)}${group('past', d.event.past)}
      </select>
      ${ev
        ? html`<div class="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
            <span class="inline-flex items-center gap-1.5 font-medium ${ev.when === 'today' ? 'text-green-700' : 'text-amber-700'}">
              <span class="h-2 w-2 rounded-full ${ev.when === 'today' ? 'bg-green-500' : 'bg-amber-500'}" aria-hidden="true"></span>
              ${ev.when === 'today' ? d.event.openNow : d.event.notOpen}
            </span>
            <span>${hm(ev.start_time)}${ev.end_time ? html` – ${hm(ev.end_time)}` : nothing} · ${formatDate(ev.start_time)}</span>
            ${ev.location ? html`<span class="w-full truncate">${ev.location}</span>` : nothing}
          </div>`
        : html`<p class="mt-2 text-sm text-slate-600">${d.event.pickFirst}</p>`}
    </div>`;
  }

  function countCard() {
    if (!st.eventId) return nothing;
    const s = st.stats;
    const pct = s && s.sold > 0 ? Math.min(100, Math.round((s.checkedIn / s.sold) * 100)) : 0;
    return html`<section class="card p-4" aria-labelledby="door-count-h">
      <div class="flex items-baseline justify-between gap-3">
        <h2 id="door-count-h" class="text-sm font-semibold uppercase tracking-wide text-slate-500">${d.count.heading}</h2>
        <p class="text-xs text-slate-500">${st.statsFailed ? html`<span class="text-amber-700">${d.count.stale}</span>` : st.statsAt ? d.count.updated(formatTime(st.statsAt)) : nothing}</p>
      </div>
      ${s
        ? html`<p class="mt-1 flex items-baseline gap-2" aria-live="polite">
              <span class="text-5xl font-black tabular-nums tracking-tight text-slate-900">${number(s.checkedIn)} / ${number(s.sold)}</span>
            </p>
            <p class="text-sm text-slate-600">${d.count.of(number(s.sold))} · ${d.count.remaining(number(Math.max(0, s.sold - s.checkedIn)))}</p>
            <div class="mt-3 h-2.5 overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-label=${d.count.heading} aria-valuemin="0" aria-valuemax="100" aria-valuenow=${pct}>
              <div id="door-progress" class="h-full rounded-full bg-green-500 transition-all" data-pct=${pct}></div>
            </div>`
        : html`<p class="mt-2 h-16 animate-pulse rounded-lg bg-slate-100" aria-hidden="true"></p>`}
    </section>`;
  }

  function cameraCard() {
    const cam = st.camera;
    const on = cam.state === 'running' || cam.state === 'starting';
    const disabled = !st.eventId;
    const message = cam.state === 'error' ? d.camera[cam.error] || d.camera.unavailable : null;
    return html`<section class="card overflow-hidden" aria-labelledby="door-cam-h">
      <div class="flex items-center justify-between gap-3 px-4 pt-4">
        <h2 id="door-cam-h" class="text-base font-semibold">${d.camera.heading}</h2>
        ${on ? html`<button type="button" class="btn-secondary" @click=${toggleCamera}>${d.camera.stop}</button>` : nothing}
      </div>
      <div class="p-4">
        <div class="relative aspect-square w-full overflow-hidden rounded-xl bg-slate-900 ${on ? '' : 'hidden'}" id="door-video-box">
          <div class="pointer-events-none absolute inset-8 rounded-2xl border-4 border-white/80 shadow-[0_0_0_999px_rgba(15,23,42,0.35)]" aria-hidden="true"></div>
          ${cam.state === 'starting' ? html`<p class="absolute inset-x-0 bottom-3 text-center text-sm text-white">${d.camera.starting}</p>` : nothing}
        </div>
        ${on
          ? html`<p class="mt-2 text-center text-sm text-slate-600">${d.camera.hint}</p>`
          : html`<button type="button" class="flex w-full flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed border-slate-300 bg-slate-50 px-4 py-8 text-slate-700 hover:border-brand-400 hover:bg-brand-50 disabled:cursor-not-allowed disabled:opacity-50" ?disabled=${disabled} @click=${toggleCamera}>
              ${cameraIcon}<span class="text-base font-semibold">${d.camera.start}</span>
            </button>`}
        ${message ? html`<p class="mt-3 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" role="status">${message}</p>` : nothing}
      </div>
    </section>`;
  }

  function codeForm() {
    const disabled = !st.eventId;
    return html`<section class="card p-4" aria-labelledby="door-form-h">
      <h2 id="door-form-h" class="sr-only">${d.form.heading}</h2>
      <form class="flex flex-col gap-3" @submit=${onSubmit} novalidate>
        <div>
          <label class="label" for="door-code">${d.form.label}</label>
          <input id="door-code" name="code" class="input py-3 font-mono text-lg uppercase tracking-widest placeholder:normal-case placeholder:tracking-normal disabled:bg-slate-100"
            autocomplete="off" autocapitalize="characters" autocorrect="off" spellcheck="false" enterkeyhint="go" maxlength="100"
            placeholder=${d.form.placeholder} ?disabled=${disabled}
            aria-invalid=${st.formError ? 'true' : 'false'} aria-describedby=${st.formError ? 'door-code-error' : nothing} />
          ${st.formError ? html`<p class="mt-1 text-sm text-red-700" id="door-code-error">${st.formError}</p>` : nothing}
        </div>
        <button type="submit" class="btn-primary py-3 text-base" ?disabled=${disabled || st.busy}>${st.busy ? d.form.busy : d.form.submit}</button>
      </form>
    </section>`;
  }

  function lastCard() {
    if (!st.last) return nothing;
    const v = st.last.view;
    return html`<section class="card border-green-200 bg-green-50 p-4" aria-labelledby="door-last-h">
      <h2 id="door-last-h" class="text-xs font-semibold uppercase tracking-wide text-green-800">${d.last.heading}</h2>
      <p class="mt-1 font-semibold text-slate-900">${v.holder?.full_name || v.holder?.email}</p>
      <p class="text-sm text-slate-600">${v.ticket_type?.name}${seatOf(v) ? ` · ${seatLine(seatOf(v))}` : ''} · ${formatTime(v.ticket.used_at)}</p>
      <p class="break-all font-mono text-xs text-slate-500">${v.ticket.code}</p>
      <button type="button" class="btn-secondary mt-3 w-full" ?disabled=${st.undoing} @click=${undo}>${st.undoing ? d.last.undoing : d.last.undo}</button>
    </section>`;
  }

  function verdictDetails(v) {
    const view = v.view;
    const who = view
      ? html`<p class="text-3xl font-bold leading-tight">${view.holder?.full_name || view.holder?.email}</p>
          <p class="text-xl font-medium opacity-90">${view.ticket_type?.name}</p>
          ${seatOf(view) ? html`<p class="rounded-xl bg-black/20 px-5 py-2 text-2xl font-black">${d.verdict.seat}: ${seatLine(seatOf(view))}</p>` : nothing}`
      : nothing;
    const code = html`<p class="break-all font-mono text-base opacity-80">${d.verdict.code}: ${view?.ticket?.code || v.code}</p>`;
    switch (v.kind) {
      case 'OK':
        return html`${who}${code}`;
      case 'ALREADY_USED': {
        const at = view.ticket.used_at;
        const ago = Math.max(0, Math.round((Date.now() - Date.parse(at)) / 1000));
        const sameDay = new Date(at).toDateString() === new Date().toDateString();
        return html`<div class="rounded-2xl bg-black/20 px-6 py-4">
            <p class="text-base font-medium">${d.verdict.firstCheckIn}</p>
            <p class="text-5xl font-black tabular-nums">${formatTime(at)}</p>
            <p class="text-base">${sameDay ? formatDate(at) : formatDateTime(at)}${ago < 3600 ? html` · ${d.verdict.ago(ago)}` : nothing}</p>
          </div>
          ${who}${code}`;
      }
      case 'WRONG_EVENT':
        return html`<p class="text-lg">${d.verdict.ticketOf}:</p><p class="text-2xl font-bold">${view.event?.title}</p>${who}${code}`;
      case 'EVENT_NOT_TODAY':
        return html`<p class="text-lg">${d.verdict.eventTime}:</p><p class="text-2xl font-bold">${formatDateTime(view.event?.start_time)}</p>${who}${code}`;
      case 'CANCELLED':
        return html`${who}${code}`;
      case 'EVENT_NOT_ON':
        return html`<p class="text-lg">${d.verdict.eventNotOnHint}:</p><p class="text-2xl font-bold">${view.event?.title}</p>${who}${code}`;
      case 'NOT_FOUND':
        return html`<p class="text-lg">${d.verdict.notFoundHint}</p>${code}`;
      case 'NETWORK':
        return html`<p class="text-lg">${d.verdict.networkHint}</p>${code}`;
      default:
        return html`<p class="text-lg">${v.message}</p>${code}`;
    }
  }

  function verdictOverlay() {
    const v = st.verdict;
    if (!v) return nothing;
    const look = kVerdicts[v.kind];
    const stop = (fn) => (e) => {
      e.stopPropagation();
      fn();
    };
    const retry = () => {
      const code = v.code;
      const source = v.source;
      dismiss();
      checkIn(code, source);
    };
    const light = v.kind === 'EVENT_NOT_TODAY';
    return html`<div role="alert" aria-live="assertive" class="fixed inset-0 z-50 flex flex-col items-center justify-center gap-4 overflow-y-auto p-6 text-center ${look.color}" @click=${dismiss}>
      ${icon(look.icon)}
      <div>
        <p class="${v.kind === 'OK' ? 'text-6xl' : 'text-4xl'} font-black uppercase leading-none tracking-tight">${look.title}</p>
        ${look.sub ? html`<p class="mt-2 text-2xl font-semibold">${look.sub}</p>` : nothing}
      </div>
      ${verdictDetails(v)}
      <div class="mt-4 flex w-full max-w-xs flex-col gap-3">
        ${v.kind === 'NETWORK' || v.kind === 'ERROR'
          ? html`<button type="button" class="rounded-xl bg-amber-400 px-6 py-4 text-lg font-bold text-slate-950 focus:outline-none focus-visible:ring-4 focus-visible:ring-white" @click=${stop(retry)}>${d.verdict.retry}</button>`
          : nothing}
        <button type="button" id="door-verdict-next" class="rounded-xl px-6 py-4 text-lg font-bold focus:outline-none focus-visible:ring-4 ${light ? 'bg-slate-950 text-white focus-visible:ring-slate-950/40' : 'bg-white text-slate-950 focus-visible:ring-white/60'}" @click=${stop(dismiss)}>${d.verdict.next}</button>
      </div>
      <p class="text-sm opacity-75">${d.verdict.tapToClose}</p>
    </div>`;
  }

  function draw() {
    if (!alive) return;
    render(
      html`<div class="min-h-screen bg-slate-100">
        <header class="bg-slate-900 text-white">
          <div class="mx-auto flex max-w-md items-center justify-between gap-3 px-4 py-3">
            <h1 class="text-xl font-extrabold tracking-tight focus:outline-none" tabindex="-1">${d.title}</h1>
            <div class="flex items-center gap-2">
              ${netPill()}
              <a href="/admin" class="rounded-lg px-2 py-1 text-sm text-slate-300 hover:bg-slate-800 hover:text-white">${d.backToAdmin}</a>
            </div>
          </div>
        </header>
        <div class="mx-auto flex max-w-md flex-col gap-4 px-4 py-4 ${st.verdict ? 'hidden' : ''}">
          ${eventPicker()} ${countCard()} ${noticeLine()} ${lastCard()} ${cameraCard()} ${codeForm()}
        </div>
        ${verdictOverlay()}
      </div>`,
      el,
    );
    // CSP forbids style attributes; the bar's width is set through the DOM.
    const bar = el.querySelector('#door-progress');
    if (bar) bar.style.width = `${bar.dataset.pct}%`;
    const box = el.querySelector('#door-video-box');
    if (box && video.parentNode !== box) box.prepend(video);
  }

  const onOnline = () => {
    st.online = navigator.onLine;
    if (st.online) refreshStats();
    draw();
  };
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOnline);
  const stopPriming = primeOnGesture();
  const poll = setInterval(() => {
    if (!document.hidden) refreshStats();
  }, kStatsEveryMs);

  draw();
  loadEvents();

  return () => {
    alive = false;
    clearInterval(poll);
    clearTimeout(okTimer);
    clearTimeout(noticeTimer);
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOnline);
    stopPriming();
    scanner.stop();
  };
}

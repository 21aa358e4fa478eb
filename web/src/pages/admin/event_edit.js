// One event for the organiser: create it (/admin/events/new) or edit every
// field (/admin/events/:id), preview its HTML content, manage its ticket types,
// move it through draft → published → completed (or cancel it), and download
// its attendee list.
import { html, render, nothing, spinner, errorBox, emptyState, toast, confirmDialog, field } from '../../ui/components.js';
import { api } from '../../api.js';
import { money, number, formatDateTime, toLocalInput, fromLocalInput } from '../../format.js';
import { fieldErrors } from '../../i18n/errors.js';
import { t } from '../../i18n/vi.js';
import { ta } from '../../i18n/admin.js';
import { s as seatText } from '../../i18n/seats.js';
import { dataTable, td, eventBadge, typeBadge, alertBox, formDialog, formValues, downloadFile } from '../../ui/admin_common.js';
import { imageUploader } from '../../ui/image_upload.js';
import { u } from '../../i18n/upload.js';

const E = ta.edit;
const TT = ta.types;

// The event's editable fields, as the form holds them (strings for inputs).
const kTextFields = ['title', 'slug', 'category', 'location', 'description', 'content', 'banner_image', 'thumbnail_image'];

function toDraft(ev) {
  const d = {};
  for (const k of kTextFields) d[k] = ev?.[k] ?? '';
  d.start_time = toLocalInput(ev?.start_time);
  d.end_time = toLocalInput(ev?.end_time);
  d.is_hot = Boolean(ev?.is_hot);
  return d;
}

// What the preview shows: the draft without scripts, frames or event handlers
// (the server removes them on save too). DOMParser runs nothing, and the
// preview iframe is sandboxed besides, so nothing in the draft can run.
function cleanHtml(content) {
  if (!content) return '';
  const doc = new DOMParser().parseFromString(`<body>${content}</body>`, 'text/html');
  doc.querySelectorAll('script, iframe, object, embed, link, meta, style, form').forEach((n) => n.remove());
  for (const n of doc.body.querySelectorAll('*')) {
    for (const a of [...n.attributes]) if (/^on/i.test(a.name) || a.name === 'style') n.removeAttribute(a.name);
  }
  return doc.body.innerHTML;
}

function previewDoc(content) {
  content = cleanHtml(content);
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${E.previewTitle}</title></head><body>${content || `<p>${E.previewEmpty}</p>`}</body></html>`;
}

export async function mount(el, ctx) {
  const id = ctx.params.id || null;
  const isNew = !id;
  let ev = null;
  let draft = toDraft(null);
  let errors = {};
  let formError = null;
  let loadError = null;
  let saving = false;
  let preview = false;
  let notice = null; // {kind, text | lines}
  let busyAction = null;
  let seated = new Set(); // ticket type ids whose quantity the seat map decides
  let seatingRoom = null;

  ctx.setTitle(isNew ? E.newTitle : ta.events.title);

  // Pictures from this computer: the server stores a fitted copy and a
  // thumbnail; the banner upload also fills an empty thumbnail field.
  const bannerUpload = imageUploader({
    onUploaded: (data) => {
      draft.banner_image = data.imagePath;
      if (!String(draft.thumbnail_image || '').trim()) draft.thumbnail_image = data.thumbnailPath;
    },
    redraw: () => draw(),
  });
  const thumbUpload = imageUploader({
    onUploaded: (data) => {
      draft.thumbnail_image = data.thumbnailPath;
    },
    redraw: () => draw(),
  });
  const imageField = (name, label, uploader) => html`<div>
    ${input(name, label, { hint: E.fImageHint })}
    ${uploader.view({ id: `ev-${name}-file` })}
    ${String(draft[name] || '').trim()
      ? html`<img src=${draft[name]} alt=${`${u.preview}: ${label}`} data-testid="ev-${name}-preview" class="mt-2 max-h-40 rounded-lg border border-slate-200 object-cover" />`
      : nothing}
  </div>`;

  // ---- the event form ------------------------------------------------------
  const input = (name, label, { type = 'text', required = false, hint, autocomplete = 'off' } = {}) =>
    field({
      id: `ev-${name}`,
      label: required ? html`${label} <span class="text-red-600" aria-hidden="true">*</span>` : label,
      hint,
      error: errors[name],
      control: html`<input id="ev-${name}" name=${name} type=${type} class="input" autocomplete=${autocomplete}
        .value=${draft[name]} ?required=${required}
        aria-invalid=${errors[name] ? 'true' : 'false'}
        aria-describedby=${errors[name] ? `ev-${name}-error` : hint ? `ev-${name}-hint` : nothing} />`,
    });

  const eventForm = () => html`<form class="card p-4 sm:p-6" novalidate aria-labelledby="info-h"
      @input=${(e) => {
        const f = e.target;
        if (!f.name) return;
        draft[f.name] = f.type === 'checkbox' ? f.checked : f.value;
        if (f.name === 'content' && preview) draw();
      }}
      @submit=${save}>
      <h2 id="info-h" class="text-lg font-semibold">${E.info}</h2>
      ${alertBox(formError)}
      <div class="mt-4 grid gap-4 md:grid-cols-2">
        <div class="md:col-span-2">${input('title', E.fTitle, { required: true })}</div>
        ${input('slug', E.fSlug, { hint: E.fSlugHint })}
        ${input('category', E.fCategory, { hint: E.fCategoryHint })}
        <div class="md:col-span-2">${input('location', E.fLocation)}</div>
        ${input('start_time', E.fStart, { type: 'datetime-local', required: true })}
        ${input('end_time', E.fEnd, { type: 'datetime-local', required: true })}
        <div class="md:col-span-2">
          ${field({
            id: 'ev-description',
            label: E.fDescription,
            error: errors.description,
            control: html`<textarea id="ev-description" name="description" rows="3" class="input" .value=${draft.description}></textarea>`,
          })}
        </div>
        <div class="md:col-span-2">
          ${field({
            id: 'ev-content',
            label: E.fContent,
            hint: E.fContentHint,
            error: errors.content,
            control: html`<textarea id="ev-content" name="content" rows="8" class="input font-mono" spellcheck="false" aria-describedby="ev-content-hint" .value=${draft.content}></textarea>`,
          })}
          <button type="button" class="btn-secondary mt-2" aria-expanded=${preview ? 'true' : 'false'} aria-controls="content-preview"
            @click=${() => {
              preview = !preview;
              draw();
            }}>${preview ? E.hidePreview : E.preview}</button>
          <div id="content-preview">
            ${preview
              ? html`<iframe sandbox="" title=${E.previewTitle} class="mt-3 h-72 w-full rounded-lg border border-slate-300 bg-white" .srcdoc=${previewDoc(draft.content)}></iframe>`
              : nothing}
          </div>
        </div>
        ${imageField('banner_image', E.fBanner, bannerUpload)}
        ${imageField('thumbnail_image', E.fThumb, thumbUpload)}
        <div class="flex items-center gap-2 md:col-span-2">
          <input id="ev-is_hot" name="is_hot" type="checkbox" class="h-4 w-4 rounded border-slate-300" .checked=${draft.is_hot} />
          <label for="ev-is_hot" class="text-sm text-slate-700">${E.fHot}</label>
        </div>
      </div>
      <div class="mt-6 flex justify-end">
        <button type="submit" class="btn-primary" ?disabled=${saving}>${saving ? t.common.saving : isNew ? E.createSave : E.save}</button>
      </div>
    </form>`;

  function body() {
    const out = {};
    for (const k of kTextFields) {
      const v = String(draft[k] ?? '').trim();
      if (k === 'content') out[k] = draft[k] && draft[k].trim() ? draft[k] : null;
      else if (k === 'slug') {
        if (v) out.slug = v;
      } else out[k] = k === 'title' ? v : v || null;
    }
    out.start_time = fromLocalInput(draft.start_time);
    out.end_time = fromLocalInput(draft.end_time);
    out.is_hot = Boolean(draft.is_hot);
    return out;
  }

  async function save(e) {
    e.preventDefault();
    const b = body();
    errors = {};
    formError = null;
    if (!b.title) errors.title = E.required;
    if (!b.start_time) errors.start_time = E.required;
    if (!b.end_time) errors.end_time = E.required;
    if (b.start_time && b.end_time && b.end_time <= b.start_time) errors.end_time = E.endBeforeStart;
    if (Object.keys(errors).length) {
      draw();
      el.querySelector('[aria-invalid="true"]')?.focus();
      return;
    }
    saving = true;
    draw();
    try {
      if (isNew) {
        const { data } = await api.post('/admin/events', b);
        toast(E.created);
        ctx.navigate(`/admin/events/${data.id}`, { replace: true });
        return;
      }
      const { data } = await api.put(`/admin/events/${id}`, b);
      setEvent(data);
      notice = null;
      toast(E.saved);
    } catch (err) {
      errors = fieldErrors(err);
      if (errors.end_time === undefined && err.details?.some((d) => d.field === 'end_time')) errors.end_time = E.endBeforeStart;
      formError = err.text;
    }
    saving = false;
    draw();
  }

  function setEvent(data) {
    ev = data;
    draft = toDraft(ev);
    ctx.setTitle(ev.title);
  }

  // ---- status changes --------------------------------------------------------
  async function changeStatus(status, okText) {
    busyAction = status;
    notice = null;
    draw();
    try {
      const { data } = await api.put(`/admin/events/${id}`, { status });
      setEvent(data);
      if (data.cancellation) notice = { kind: 'cancelled', lines: E.cancellation(data.cancellation) };
      else toast(okText);
    } catch (err) {
      notice = { kind: 'error', text: err.text };
    }
    busyAction = null;
    draw();
  }

  async function publish() {
    const sellable = (ev.ticket_types || []).some((x) => x.status !== 'hidden');
    if (!sellable) {
      notice = { kind: 'error', text: E.publishNoTypes };
      return draw();
    }
    if (await confirmDialog({ title: E.publishTitle, body: E.publishBody, confirmLabel: E.publish })) changeStatus('published', E.published);
  }

  async function complete() {
    if (await confirmDialog({ title: E.completeTitle, body: E.completeBody, confirmLabel: E.complete })) changeStatus('completed', E.completed);
  }

  async function cancelEvent() {
    busyAction = 'count';
    draw();
    let paid = 0;
    try {
      const r = await api.get('/admin/orders', { event_id: id, status: 'paid', limit: 1 });
      paid = r.pagination?.total ?? r.data.length;
    } catch (err) {
      busyAction = null;
      notice = { kind: 'error', text: err.text };
      return draw();
    }
    busyAction = null;
    draw();
    const ok = await confirmDialog({
      title: E.cancelTitle,
      body: html`<p class="font-semibold text-red-700">${E.cancelRefunds(paid)}</p><p class="mt-2">${E.cancelBody}</p>`,
      confirmLabel: E.cancelConfirm,
      danger: true,
    });
    if (ok) changeStatus('cancelled');
  }

  async function removeEvent() {
    if (!(await confirmDialog({ title: E.delTitle, body: E.delBody, confirmLabel: E.del, danger: true }))) return;
    try {
      await api.del(`/admin/events/${id}`);
      toast(E.deleted);
      ctx.navigate('/admin/events');
    } catch (err) {
      notice = { kind: 'error', text: err.text };
      draw();
    }
  }

  async function csv() {
    busyAction = 'csv';
    draw();
    try {
      await downloadFile(`/admin/events/${id}/attendees.csv`, `attendees-${ev.slug}.csv`);
      toast(E.csvDone);
    } catch (err) {
      notice = { kind: 'error', text: err.text };
    }
    busyAction = null;
    draw();
  }

  const actions = () => {
    const s = ev.status;
    const b = (label, fn, cls = 'btn-secondary', key) =>
      html`<button type="button" class=${cls} ?disabled=${busyAction !== null} @click=${fn}>${busyAction === key ? t.common.loading : label}</button>`;
    return html`<div class="flex flex-wrap gap-2">
      ${s === 'draft' ? b(E.publish, publish, 'btn-primary', 'published') : nothing}
      ${s === 'published' ? b(E.complete, complete, 'btn-secondary', 'completed') : nothing}
      ${s === 'published' || s === 'completed' ? html`<a class="btn-secondary" href="/events/${ev.slug}">${E.viewPublic}</a>` : nothing}
      <a class="btn-secondary" href="/admin/events/${ev.id}/seating">${seatText.seating.open}</a>
      <a class="btn-secondary" href="/admin/orders?event_id=${ev.id}">${E.viewOrders}</a>
      ${b(E.csv, csv, 'btn-secondary', 'csv')}
      ${s !== 'cancelled' ? b(E.cancel, cancelEvent, 'btn-danger', 'count') : nothing}
      ${s === 'draft' ? b(E.del, removeEvent, 'btn-ghost text-red-700') : nothing}
    </div>`;
  };

  const noticeBox = () => {
    if (!notice) return nothing;
    if (notice.kind === 'cancelled')
      return html`<div class="mb-6 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900" role="status">
        <h2 class="font-semibold">${E.cancelledTitle}</h2>
        <ul class="mt-2 list-inside list-disc space-y-1">${notice.lines.map((l) => html`<li>${l}</li>`)}</ul>
      </div>`;
    return alertBox(notice.text);
  };

  // ---- ticket types ------------------------------------------------------------
  function typeDialog(tt) {
    const v = tt || { name: '', price: '', original_price: '', quantity_total: '', description: '', sort_order: (ev.ticket_types || []).length, status: 'active' };
    const num = (name, label, value, extra = {}) =>
      field({
        id: `tt-${name}`,
        label,
        hint: extra.hint,
        control: html`<input id="tt-${name}" name=${name} type="number" inputmode="numeric" min="0" step="1" class="input" .value=${value ?? ''} ?required=${extra.required} />`,
      });
    return formDialog({
      title: tt ? TT.editTitle(tt.name) : TT.addTitle,
      submitLabel: tt ? t.common.save : TT.add,
      wide: true,
      body: () => html`
        ${field({ id: 'tt-name', label: TT.fName, control: html`<input id="tt-name" name="name" class="input" required .value=${v.name} />` })}
        <div class="grid gap-4 sm:grid-cols-2">
          ${num('price', TT.fPrice, v.price, { required: true })}
          ${num('original_price', TT.fOriginal, v.original_price)}
          ${tt && seated.has(tt.id)
            ? field({
                id: 'tt-quantity_total',
                label: TT.fQuantity,
                hint: seatText.seating.quantityFromMap,
                control: html`<input id="tt-quantity_total" type="number" class="input" .value=${v.quantity_total ?? ''} disabled aria-describedby="tt-quantity_total-hint" />`,
              })
            : num('quantity_total', TT.fQuantity, v.quantity_total, { required: true })}
          ${num('sort_order', TT.fSort, v.sort_order)}
        </div>
        ${field({ id: 'tt-description', label: TT.fDescription, control: html`<textarea id="tt-description" name="description" rows="2" class="input" .value=${v.description || ''}></textarea>` })}
        ${field({
          id: 'tt-status',
          label: TT.colStatus,
          control: html`<select id="tt-status" name="status" class="input">
            ${Object.entries(ta.typeStatus).map(([k, label]) => html`<option value=${k} ?selected=${v.status === k}>${label}</option>`)}
          </select>`,
        })}`,
      onSubmit: async (form) => {
        const f = formValues(form);
        const bad = (text) => Object.assign(new Error(text), { text });
        if (!f.name) throw bad(`${TT.fName}: ${E.required}`);
        if (f.price === '' || Number(f.price) < 0) throw bad(`${TT.fPrice}: ${E.invalid}`);
        const fromMap = tt && seated.has(tt.id);
        if (!fromMap && (f.quantity_total === '' || Number(f.quantity_total) < 0)) throw bad(`${TT.fQuantity}: ${E.invalid}`);
        const b = {
          name: f.name,
          price: Number(f.price),
          original_price: f.original_price === '' ? null : Number(f.original_price),
          quantity_total: Number(f.quantity_total),
          sort_order: f.sort_order === '' ? 0 : Number(f.sort_order),
          description: f.description || null,
          status: f.status,
        };
        if (fromMap) delete b.quantity_total;
        if (tt) await api.put(`/admin/ticket-types/${tt.id}`, b);
        else await api.post(`/admin/events/${id}/ticket-types`, b);
        return true;
      },
    });
  }

  async function reloadTypes() {
    const { data } = await api.get(`/admin/events/${id}/ticket-types`);
    ev = { ...ev, ticket_types: data };
    draw();
  }

  async function addType() {
    if (await typeDialog(null)) {
      toast(TT.created);
      await reloadTypes();
    }
  }
  async function editType(tt) {
    if (await typeDialog(tt)) {
      toast(TT.updated);
      await reloadTypes();
    }
  }
  async function toggleType(tt) {
    try {
      const hidden = tt.status === 'hidden';
      await api.put(`/admin/ticket-types/${tt.id}`, { status: hidden ? 'active' : 'hidden' });
      toast(hidden ? TT.shown : TT.hidden);
      await reloadTypes();
    } catch (err) {
      notice = { kind: 'error', text: err.text };
      draw();
    }
  }
  async function deleteType(tt) {
    if (!(await confirmDialog({ title: TT.delTitle, body: TT.delBody(tt.name), confirmLabel: TT.del, danger: true }))) return;
    try {
      await api.del(`/admin/ticket-types/${tt.id}`);
      toast(TT.deleted);
      await reloadTypes();
    } catch (err) {
      notice = { kind: 'error', text: err.text };
      draw();
    }
  }

  const typesSection = () => {
    if (isNew) return html`<section class="card mt-6 p-4 sm:p-6" aria-labelledby="types-h">
        <h2 id="types-h" class="text-lg font-semibold">${TT.title}</h2>
        <p class="mt-2 text-sm text-slate-600">${TT.saveEventFirst}</p>
      </section>`;
    const types = ev.ticket_types || [];
    const editable = ev.status !== 'cancelled';
    return html`<section class="mt-6" aria-labelledby="types-h">
      <div class="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="types-h" class="text-lg font-semibold">${TT.title}</h2>
        ${editable ? html`<button type="button" class="btn-primary" @click=${addType}>${TT.add}</button>` : nothing}
      </div>
      ${seatingRoom
        ? html`<p class="mb-3 text-sm text-slate-600">${seatText.seating.seatedIn(seatingRoom.name)}
            <a class="link" href="/admin/events/${ev.id}/seating">${seatText.seating.open}</a></p>`
        : nothing}
      ${types.length
        ? dataTable(
            [TT.colName, TT.colPrice, TT.colSold, TT.colStatus, TT.colActions],
            types.map(
              (x) => html`<tr>
                ${td(html`<span class="font-medium">${x.name}</span>${x.description ? html`<p class="text-xs text-slate-500">${x.description}</p>` : nothing}`, 'min-w-[10rem]')}
                ${td(html`${money(x.price)}${x.original_price ? html` <s class="text-xs text-slate-400">${money(x.original_price)}</s>` : nothing}`, 'whitespace-nowrap')}
                ${td(`${number(x.quantity_sold)} / ${number(x.quantity_total)}`, 'whitespace-nowrap')}
                ${td(typeBadge(x.status))}
                ${td(
                  editable
                    ? html`<div class="flex flex-wrap gap-2">
                        <button type="button" class="btn-secondary" aria-label=${TT.editOf(x.name)} @click=${() => editType(x)}>${TT.edit}</button>
                        <button type="button" class="btn-secondary" aria-label=${x.status === 'hidden' ? TT.showOf(x.name) : TT.hideOf(x.name)} @click=${() => toggleType(x)}>${x.status === 'hidden' ? TT.show : TT.hide}</button>
                        ${x.quantity_sold === 0 ? html`<button type="button" class="btn-ghost text-red-700" aria-label=${TT.delOf(x.name)} @click=${() => deleteType(x)}>${TT.del}</button>` : nothing}
                      </div>`
                    : '—',
                )}
              </tr>`,
            ),
          )
        : emptyState(TT.empty)}
    </section>`;
  };

  // ---- the page ------------------------------------------------------------------
  function draw() {
    if (loadError) return render(html`<a class="link" href="/admin/events">${E.back}</a><div class="mt-4">${errorBox(loadError, load)}</div>`, el);
    if (!isNew && !ev) return render(spinner(), el);
    render(
      html`<a class="link text-sm" href="/admin/events">${E.back}</a>
        <div class="mb-6 mt-3 flex flex-wrap items-start justify-between gap-3">
          <div>
            <h1 class="text-2xl font-bold tracking-tight" tabindex="-1">${isNew ? E.newTitle : ev.title}</h1>
            ${isNew ? nothing : html`<p class="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
              <span>${E.status}:</span> ${eventBadge(ev.status)}
              <span>· ${formatDateTime(ev.start_time)}</span>
            </p>`}
          </div>
          ${isNew ? nothing : actions()}
        </div>
        <div aria-live="polite">${noticeBox()}</div>
        ${eventForm()}
        ${typesSection()}`,
      el,
    );
  }

  async function load() {
    loadError = null;
    draw();
    try {
      const { data } = await api.get(`/admin/events/${id}`);
      setEvent(data);
    } catch (err) {
      loadError = err;
    }
    draw();
    if (!loadError) loadSeating();
  }

  // Whether the event is seated: its seated types' quantities are their zones'.
  async function loadSeating() {
    try {
      const { data } = await api.get(`/admin/events/${id}/seating`);
      seatingRoom = data?.room || null;
      seated = new Set((data?.zones || []).filter((z) => z.seat_ids?.length).map((z) => z.ticket_type_id));
      draw();
    } catch {
      // The note is a help; the page works without it.
    }
  }

  if (isNew) draw();
  else await load();
}

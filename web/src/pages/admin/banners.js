// The home page's banners: highest priority first, with a preview of each
// image; create and edit in a dialog, show or hide with a switch, reorder by
// priority, delete after a confirmation.
import { html, render, nothing, spinner, errorBox, emptyState, pageTitle, toast, confirmDialog, field, badge } from '../../ui/components.js';
import { api } from '../../api.js';
import { ta } from '../../i18n/admin.js';
import { alertBox, formDialog, formValues, eventOptions } from '../../ui/admin_common.js';
import { imageUploader } from '../../ui/image_upload.js';
import { u } from '../../i18n/upload.js';

const T = ta.banners;

export async function mount(el, ctx) {
  ctx.setTitle(T.title);
  let list = null;
  let events = [];
  let error = null;
  let message = null;

  const nameOf = (b) => b.title || T.untitled;
  const sorted = () => [...list].sort((a, b) => b.priority - a.priority || a.id - b.id);
  const eventTitle = (id) => events.find((e) => e.id === id)?.title;

  function bannerDialog(b) {
    const v = { ...(b || { title: '', image_url: '', link_url: '', event_id: '', priority: 0, is_active: true, is_homepage: true }) };
    const state = { image: v.image_url || '' };
    let redrawDialog = () => {};
    // A picture from this computer: stored by the server, its path fills the URL field.
    const uploader = imageUploader({
      onUploaded: (data) => {
        v.image_url = data.imagePath;
        state.image = data.imagePath;
      },
      redraw: () => redrawDialog(),
    });
    return formDialog({
      title: b ? T.editTitle : T.createTitle,
      submitLabel: b ? ta.edit.save : T.create,
      wide: true,
      body: (redraw) => {
        redrawDialog = redraw;
        return html`
        ${field({ id: 'bn-title', label: T.fTitle, control: html`<input id="bn-title" name="title" class="input" .value=${v.title || ''} />` })}
        ${field({
          id: 'bn-image',
          label: T.fImage,
          hint: T.fImageHint,
          control: html`<input id="bn-image" name="image_url" class="input" required aria-describedby="bn-image-hint" .value=${v.image_url || ''}
            @change=${(e) => {
              v.image_url = e.target.value.trim();
              state.image = v.image_url;
              redraw();
            }} />`,
        })}
        ${uploader.view({ id: 'bn-image-file' })}
        ${state.image ? html`<img src=${state.image} alt=${u.preview} data-testid="bn-image-preview" class="aspect-[3/1] w-full rounded-lg border border-slate-200 object-cover" />` : nothing}
        ${field({ id: 'bn-link', label: T.fLink, hint: T.fImageHint, control: html`<input id="bn-link" name="link_url" class="input" aria-describedby="bn-link-hint" .value=${v.link_url || ''} />` })}
        ${field({
          id: 'bn-event',
          label: T.fEvent,
          control: html`<select id="bn-event" name="event_id" class="input">
            <option value="" ?selected=${!v.event_id}>${T.noEvent}</option>
            ${events.map((e) => html`<option value=${e.id} ?selected=${v.event_id === e.id}>${e.title}</option>`)}
          </select>`,
        })}
        <div class="grid gap-4 sm:grid-cols-2 sm:items-end">
          ${field({
            id: 'bn-priority',
            label: T.fPriority,
            hint: T.fPriorityHint,
            control: html`<input id="bn-priority" name="priority" type="number" step="1" class="input" aria-describedby="bn-priority-hint" .value=${String(v.priority ?? 0)} />`,
          })}
          <div class="flex flex-col gap-2 pb-6">
            <div class="flex items-center gap-2">
              <input id="bn-active" name="is_active" type="checkbox" class="h-4 w-4 rounded border-slate-300" .checked=${v.is_active} />
              <label for="bn-active" class="text-sm text-slate-700">${T.fActive}</label>
            </div>
            <div class="flex items-center gap-2">
              <input id="bn-home" name="is_homepage" type="checkbox" class="h-4 w-4 rounded border-slate-300" .checked=${v.is_homepage !== false} />
              <label for="bn-home" class="text-sm text-slate-700">${T.fHomepage}</label>
            </div>
          </div>
        </div>`;
      },
      onSubmit: async (form) => {
        const f = formValues(form);
        const body = {
          title: f.title || null,
          image_url: f.image_url || null,
          link_url: f.link_url || null,
          event_id: f.event_id || null,
          priority: Number(f.priority || 0),
          is_active: form.elements.is_active.checked,
          is_homepage: form.elements.is_homepage.checked,
        };
        if (!body.image_url) throw Object.assign(new Error(), { text: `${T.fImage}: ${ta.edit.required}` });
        const { data } = b ? await api.put(`/admin/banners/${b.id}`, body) : await api.post('/admin/banners', body);
        return data;
      },
    });
  }

  const replace = (data) => {
    list = list.map((x) => (x.id === data.id ? data : x));
  };

  async function create() {
    const data = await bannerDialog(null);
    if (!data) return;
    list = [...list, data];
    message = null;
    toast(T.created);
    draw();
  }
  async function edit(b) {
    const data = await bannerDialog(b);
    if (!data) return;
    replace(data);
    toast(T.updated);
    draw();
  }
  async function patch(b, body, okText) {
    message = null;
    try {
      const { data } = await api.put(`/admin/banners/${b.id}`, body);
      replace(data);
      if (okText) toast(okText);
    } catch (err) {
      message = err.text;
    }
    draw();
  }
  async function remove(b) {
    if (!(await confirmDialog({ title: T.delTitle, body: T.delBody(nameOf(b)), confirmLabel: T.del, danger: true }))) return;
    message = null;
    try {
      await api.del(`/admin/banners/${b.id}`);
      list = list.filter((x) => x.id !== b.id);
      toast(T.deleted);
    } catch (err) {
      message = err.text;
    }
    draw();
  }

  const item = (b) => html`<li class="card flex flex-col gap-4 p-4 md:flex-row md:items-center">
    <img src=${b.image_url || ''} alt="" class="aspect-[3/1] w-full shrink-0 rounded-lg bg-slate-100 object-cover md:w-64" />
    <div class="min-w-0 flex-1">
      <h2 class="flex flex-wrap items-center gap-2 font-semibold">${nameOf(b)} ${b.is_active ? badge(T.live, 'green') : badge(T.off, 'slate')}
        ${b.is_homepage === false ? badge(T.notHome, 'amber') : nothing}</h2>
      ${b.link_url ? html`<p class="mt-1 truncate text-sm text-slate-600">${T.link}: ${b.link_url}</p>` : nothing}
      ${b.event_id ? html`<p class="mt-1 text-sm text-slate-600">${T.fEvent}: ${eventTitle(b.event_id) || b.event_id}</p>` : nothing}
    </div>
    <div class="flex flex-wrap items-end gap-3">
      <div>
        <label class="label" for="prio-${b.id}">${T.fPriority}</label>
        <input id="prio-${b.id}" type="number" step="1" class="input w-24" aria-label=${T.priorityOf(nameOf(b))} .value=${String(b.priority)}
          @change=${(e) => patch(b, { priority: Number(e.target.value || 0) })} />
      </div>
      <label class="flex items-center gap-2 pb-2 text-sm text-slate-700">
        <input type="checkbox" role="switch" class="h-4 w-4 rounded border-slate-300" aria-label=${T.activeOf(nameOf(b))} .checked=${b.is_active}
          @change=${(e) => patch(b, { is_active: e.target.checked }, e.target.checked ? T.shown(nameOf(b)) : T.hidden(nameOf(b)))} />
        ${T.fActive}
      </label>
      <button type="button" class="btn-secondary" aria-label=${T.editOf(nameOf(b))} @click=${() => edit(b)}>${T.edit}</button>
      <button type="button" class="btn-ghost text-red-700" aria-label=${T.delOf(nameOf(b))} @click=${() => remove(b)}>${T.del}</button>
    </div>
  </li>`;

  const draw = () => {
    let body;
    if (error) body = errorBox(error, load);
    else if (!list) body = spinner();
    else if (!list.length) body = emptyState(T.empty);
    else body = html`<ul class="space-y-3">${sorted().map(item)}</ul>`;
    render(
      html`${pageTitle(T.title, html`<button type="button" class="btn-primary" ?disabled=${!list} @click=${create}>${T.create}</button>`)}
        <div aria-live="polite">${alertBox(message)}</div>
        ${body}`,
      el,
    );
  };

  async function load() {
    error = null;
    draw();
    try {
      const [b, e] = await Promise.all([api.get('/admin/banners', { limit: 100 }), eventOptions()]);
      list = b.data;
      events = e;
    } catch (err) {
      error = err;
    }
    draw();
  }
  await load();
}

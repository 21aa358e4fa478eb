// A file input that uploads the chosen picture (POST /api/upload, or
// /api/users/avatar for one's own avatar) and hands the stored image's paths to
// the page, which puts them in its URL field and shows the preview. The server
// decides what is an image; the checks here only spare a round trip.
import { html, nothing } from './components.js';
import { api } from '../api.js';
import { u } from '../i18n/upload.js';

const kTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

// One per file input. `onUploaded(data)` gets {imagePath, thumbnailPath, ...};
// `redraw` re-renders the page (busy and error states live here).
export function imageUploader({ endpoint = '/upload', maxMiB = 8, onUploaded, redraw }) {
  const state = { busy: false, error: null, done: false };

  async function choose(e) {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    state.error = null;
    state.done = false;
    if (file.type && !kTypes.includes(file.type)) state.error = u.wrongType;
    else if (file.size > maxMiB * 1024 * 1024) state.error = u.tooLarge(maxMiB);
    if (!state.error) {
      state.busy = true;
      redraw();
      try {
        const { data } = await api.upload(endpoint, file);
        onUploaded(data);
        state.done = true;
      } catch (err) {
        state.error = err.text;
      }
      state.busy = false;
    }
    input.value = '';
    redraw();
  }

  // `id` must be unique on the page; `label` names what the picture is for.
  const view = ({ id, label = u.choose }) => html`<div class="mt-2">
    <label class="text-sm font-medium text-slate-700" for=${id}>${label}</label>
    <input id=${id} type="file" accept=${kTypes.join(',')} class="mt-1 block w-full text-sm text-slate-700 file:mr-3 file:rounded-lg file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:font-semibold file:text-brand-700 hover:file:bg-brand-100"
      aria-describedby="${id}-hint ${id}-status" ?disabled=${state.busy} @change=${choose} />
    <p id="${id}-hint" class="mt-1 text-xs text-slate-500">${u.hint}</p>
    <p id="${id}-status" aria-live="polite" class="text-sm">
      ${state.busy ? html`<span class="text-slate-600">${u.uploading}</span>` : nothing}
      ${state.done ? html`<span class="text-green-700">${u.uploaded}</span>` : nothing}
      ${state.error ? html`<span class="text-red-700" role="alert">${state.error}</span>` : nothing}
    </p>
  </div>`;

  return { view, state };
}

// My account (GET/PUT /api/users/profile): name and avatar (a URL, or a picture
// uploaded through POST /api/users/avatar), and a password change (which
// returns a fresh token: the old one stops working).
import { html, render, nothing, spinner, errorBox, field, toast } from '../ui/components.js';
import { api, logout } from '../api.js';
import { fieldErrors } from '../i18n/errors.js';
import { setSession } from '../session.js';
import { b } from '../i18n/buyer.js';
import { formatDate } from '../format.js';
import { imageUploader } from '../ui/image_upload.js';

const isHttpUrl = (s) => /^https?:\/\/\S+$/i.test(s);
// What POST /api/users/avatar hands out; the server accepts these as avatar_url too.
const isUploadPath = (s) => /^\/uploads\/[0-9a-f]{32}\.webp$/.test(s);
const isAvatarUrl = (s) => isHttpUrl(s) || isUploadPath(s);

export async function mount(el, ctx) {
  ctx.setTitle(b.profile.title);
  const state = {
    user: null,
    error: null,
    info: { busy: false, errors: {}, alert: null },
    pw: { busy: false, errors: {}, alert: null },
    avatarPreview: '',
    avatarBroken: false,
    avatarValue: null, // set by an upload: what the URL field shows
  };
  // The picture is stored at once; it becomes the avatar when the form is saved.
  const avatarUpload = imageUploader({
    endpoint: '/users/avatar',
    maxMiB: 2,
    onUploaded: (data) => {
      state.avatarValue = data.imagePath;
      state.avatarPreview = data.imagePath;
      state.avatarBroken = false;
    },
    redraw: () => draw(),
  });

  async function saveInfo(e) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const full_name = String(form.get('full_name') || '').trim();
    const avatar = String(form.get('avatar_url') || '').trim();
    const errors = {};
    if (!full_name) errors.full_name = 'Trường này là bắt buộc.';
    if (avatar && !isAvatarUrl(avatar)) errors.avatar_url = b.profile.avatarInvalid;
    state.info = { busy: !Object.keys(errors).length, errors, alert: null };
    draw();
    if (Object.keys(errors).length) return;
    try {
      const { data } = await api.put('/users/profile', { full_name, avatar_url: avatar || null });
      state.user = data.user;
      setSession(null, data.user);
      toast(b.profile.saved);
    } catch (err) {
      state.info.errors = fieldErrors(err);
      state.info.alert = Object.keys(state.info.errors).length ? null : err.text;
    }
    state.info.busy = false;
    draw();
  }

  async function savePassword(e) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const old_password = String(form.get('old_password') || '');
    const new_password = String(form.get('new_password') || '');
    const confirm = String(form.get('confirm_password') || '');
    const errors = {};
    if (!old_password) errors.old_password = 'Trường này là bắt buộc.';
    if (new_password.length < 8) errors.new_password = b.profile.tooShort;
    else if (new_password !== confirm) errors.confirm_password = b.profile.mismatch;
    state.pw = { busy: !Object.keys(errors).length, errors, alert: null };
    draw();
    if (Object.keys(errors).length) return;
    try {
      const { data } = await api.put('/users/profile', { old_password, new_password });
      setSession(data.token, data.user);
      state.user = data.user;
      formEl.reset();
      toast(b.profile.passwordChanged);
    } catch (err) {
      const fe = fieldErrors(err);
      // A wrong current password arrives as a field error of old_password.
      const wrong = err.code === 'WRONG_PASSWORD' || (err.details || []).some((d) => d.code === 'WRONG_PASSWORD');
      if (wrong) fe.old_password = b.profile.wrongPassword;
      state.pw.errors = fe;
      state.pw.alert = Object.keys(fe).length ? null : err.text;
    }
    state.pw.busy = false;
    draw();
  }

  const input = (id, name, type, value, error, extra = {}) =>
    html`<input id=${id} name=${name} type=${type} class="input h-11" .value=${value ?? ''} autocomplete=${extra.autocomplete || 'off'}
      aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${id}-error` : extra.hint ? `${id}-hint` : ''} @input=${extra.onInput || null} />`;

  const alertBox = (text) => html`<div aria-live="assertive">${text ? html`<p class="rounded-lg bg-red-50 p-3 text-sm text-red-800" role="alert">${text}</p>` : nothing}</div>`;

  function avatar(u) {
    const src = state.avatarPreview || u.avatar_url;
    const initials = (u.full_name || u.email || '?').trim().split(/\s+/).slice(-1)[0].charAt(0).toUpperCase();
    return html`<div class="relative h-16 w-16 shrink-0 overflow-hidden rounded-full bg-brand-100">
      <span class="absolute inset-0 flex items-center justify-center text-2xl font-bold text-brand-700" aria-hidden="true">${initials}</span>
      ${src && !state.avatarBroken ? html`<img src=${src} alt="" class="relative h-full w-full object-cover" @error=${() => { state.avatarBroken = true; draw(); }} />` : nothing}
    </div>`;
  }

  function draw() {
    if (state.error) return render(errorBox(state.error, load), el);
    const u = state.user;
    if (!u) return render(spinner(), el);
    const ie = state.info.errors;
    const pe = state.pw.errors;
    render(
      html`<h1 class="text-2xl font-bold tracking-tight focus:outline-none" tabindex="-1">${b.profile.title}</h1>
        <div class="mt-4 grid gap-4 lg:grid-cols-2">
          <section class="card p-5" aria-labelledby="profile-info">
            <div class="flex items-center gap-4">
              ${avatar(u)}
              <div class="min-w-0">
                <p class="truncate text-lg font-semibold text-slate-900">${u.full_name || u.email}</p>
                <p class="truncate text-sm text-slate-500">${u.email}</p>
                <p class="text-xs text-slate-400">${b.profile.role[u.role] || u.role} · ${b.profile.memberSince(formatDate(u.created_at))}</p>
              </div>
            </div>
            <h2 id="profile-info" class="mt-6 text-lg font-bold">${b.profile.info}</h2>
            <form class="mt-3 space-y-4" @submit=${saveInfo} novalidate>
              ${alertBox(state.info.alert)}
              ${field({ id: 'profile-name', label: b.profile.fullName, error: ie.full_name, control: input('profile-name', 'full_name', 'text', u.full_name, ie.full_name, { autocomplete: 'name' }) })}
              ${field({
                id: 'profile-avatar',
                label: b.profile.avatar,
                error: ie.avatar_url,
                hint: b.profile.avatarHint,
                control: input('profile-avatar', 'avatar_url', 'text', state.avatarValue ?? u.avatar_url, ie.avatar_url, {
                  hint: true,
                  onInput: (e) => {
                    const v = e.currentTarget.value.trim();
                    state.avatarPreview = isAvatarUrl(v) ? v : '';
                    state.avatarBroken = false;
                    draw();
                  },
                }),
              })}
              ${avatarUpload.view({ id: 'profile-avatar-file' })}
              <button type="submit" class="btn-primary h-11" ?disabled=${state.info.busy}>${state.info.busy ? b.auth.working : b.profile.save}</button>
            </form>
          </section>
          <section class="card p-5" aria-labelledby="profile-password">
            <h2 id="profile-password" class="text-lg font-bold">${b.profile.password}</h2>
            <form class="mt-3 space-y-4" @submit=${savePassword} novalidate>
              ${alertBox(state.pw.alert)}
              ${field({ id: 'pw-old', label: b.profile.oldPassword, error: pe.old_password, control: input('pw-old', 'old_password', 'password', '', pe.old_password, { autocomplete: 'current-password' }) })}
              ${field({ id: 'pw-new', label: b.profile.newPassword, error: pe.new_password, control: input('pw-new', 'new_password', 'password', '', pe.new_password, { autocomplete: 'new-password' }) })}
              ${field({ id: 'pw-confirm', label: b.profile.confirmPassword, error: pe.confirm_password, control: input('pw-confirm', 'confirm_password', 'password', '', pe.confirm_password, { autocomplete: 'new-password' }) })}
              <button type="submit" class="btn-primary h-11" ?disabled=${state.pw.busy}>${state.pw.busy ? b.auth.working : b.profile.changePassword}</button>
            </form>
          </section>
          <nav class="card p-5 lg:col-span-2" aria-label=${b.profile.links}>
            <ul class="flex flex-wrap gap-2">
              <li><a href="/wallet" class="btn-secondary">${b.profile.wallet}</a></li>
              <li><a href="/orders" class="btn-secondary">${b.profile.orders}</a></li>
              <li><button type="button" class="btn-ghost text-red-700" @click=${async () => { await logout(); ctx.navigate('/'); }}>${b.profile.logout}</button></li>
            </ul>
          </nav>
        </div>`,
      el,
    );
  }

  async function load() {
    state.error = null;
    draw();
    try {
      const { data } = await api.get('/users/profile');
      state.user = data.user;
    } catch (err) {
      state.error = err;
    }
    draw();
  }

  await load();
}

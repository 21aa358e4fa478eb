// Register: POST /api/auth/register returns {token, user} (201), so the new
// account is signed in at once and goes on to ?next= or home.
import { html, render } from '../ui/components.js';
import { api } from '../api.js';
import { fieldErrors } from '../i18n/errors.js';
import { setSession, isLoggedIn } from '../session.js';
import { safeNext } from '../router.js';
import { b } from '../i18n/buyer.js';
import { authCard, formAlert } from '../ui/buyer_auth.js';
import { field, toast } from '../ui/components.js';

export function mount(el, ctx) {
  ctx.setTitle(b.auth.registerTitle);
  const next = safeNext(ctx.query.get('next'));
  if (isLoggedIn()) {
    ctx.navigate(next, { replace: true });
    return;
  }
  const state = { busy: false, error: null, fields: {}, values: { full_name: '', email: '' } };

  async function submit(e) {
    e.preventDefault();
    if (state.busy) return;
    const form = new FormData(e.currentTarget);
    const body = {
      full_name: String(form.get('full_name') || '').trim(),
      email: String(form.get('email') || '').trim(),
      password: String(form.get('password') || ''),
    };
    state.values = { full_name: body.full_name, email: body.email };
    const local = {};
    if (!body.full_name) local.full_name = 'Trường này là bắt buộc.';
    if (!body.email) local.email = 'Trường này là bắt buộc.';
    if (body.password.length < 8) local.password = b.auth.passwordHint;
    state.fields = local;
    state.error = null;
    if (Object.keys(local).length) return draw();
    state.busy = true;
    draw();
    try {
      const { data } = await api.post('/auth/register', body, { noAuthRedirect: true });
      setSession(data.token, data.user);
      toast(b.auth.welcome(data.user.full_name || data.user.email));
      ctx.navigate(next, { replace: true });
      return;
    } catch (err) {
      state.fields = fieldErrors(err);
      state.error = err.text;
    }
    state.busy = false;
    draw();
  }

  const input = (id, name, type, autocomplete, value, err) =>
    html`<input id=${id} name=${name} type=${type} class="input h-11" autocomplete=${autocomplete} .value=${value}
      aria-invalid=${err ? 'true' : 'false'} aria-describedby=${err ? `${id}-error` : ''} />`;

  function draw() {
    const f = state.fields;
    render(
      authCard(
        b.auth.registerTitle,
        b.auth.registerLead,
        html`<form class="space-y-4" @submit=${submit} novalidate>
          ${formAlert(state.error)}
          ${field({ id: 'reg-name', label: b.auth.fullName, error: f.full_name, control: input('reg-name', 'full_name', 'text', 'name', state.values.full_name, f.full_name) })}
          ${field({ id: 'reg-email', label: b.auth.email, error: f.email, control: input('reg-email', 'email', 'email', 'email', state.values.email, f.email) })}
          ${field({ id: 'reg-password', label: b.auth.password, error: f.password, hint: f.password ? '' : b.auth.passwordHint, control: input('reg-password', 'password', 'password', 'new-password', '', f.password) })}
          <button type="submit" class="btn-primary h-11 w-full text-base" ?disabled=${state.busy}>${state.busy ? b.auth.working : b.auth.submitRegister}</button>
        </form>`,
        html`${b.auth.haveAccount} <a href=${next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login'} class="link">${b.auth.toLogin}</a>`,
      ),
      el,
    );
  }
  draw();
}

// /login?next=/somewhere: after a successful login the person goes back to
// where they were (only paths on this site; see safeNext).
import { html, render, nothing } from '../ui/components.js';
import { api } from '../api.js';
import { setSession, isLoggedIn } from '../session.js';
import { safeNext } from '../router.js';
import { b } from '../i18n/buyer.js';
import { authCard, formAlert } from '../ui/buyer_auth.js';

export function mount(el, ctx) {
  ctx.setTitle(b.auth.loginTitle);
  const next = safeNext(ctx.query.get('next'));
  if (isLoggedIn()) {
    ctx.navigate(next, { replace: true });
    return;
  }
  const state = { busy: false, error: null, email: '' };
  // Sent here from a page that needs an account (or by the 401 rule).
  const lost = next !== '/' && ctx.query.has('next');

  async function submit(e) {
    e.preventDefault();
    if (state.busy) return;
    const form = new FormData(e.currentTarget);
    state.email = String(form.get('email') || '').trim();
    state.busy = true;
    state.error = null;
    draw();
    try {
      const { data } = await api.post('/auth/login', { email: state.email, password: form.get('password') }, { noAuthRedirect: true });
      setSession(data.token, data.user);
      ctx.navigate(next, { replace: true });
      return;
    } catch (err) {
      state.error = err.text;
    }
    state.busy = false;
    draw();
    el.querySelector('#login-password')?.focus();
  }

  const registerHref = next !== '/' ? `/register?next=${encodeURIComponent(next)}` : '/register';

  function draw() {
    render(
      authCard(
        b.auth.loginTitle,
        lost ? nothing : b.auth.loginLead,
        html`${lost ? html`<p class="mb-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900" role="status">${b.auth.sessionEnded}</p>` : nothing}
          <form class="space-y-4" @submit=${submit} novalidate>
            ${formAlert(state.error)}
            <div>
              <label class="label" for="login-email">${b.auth.email}</label>
              <input id="login-email" name="email" type="email" class="input h-11" autocomplete="email" required .value=${state.email} />
            </div>
            <div>
              <label class="label" for="login-password">${b.auth.password}</label>
              <input id="login-password" name="password" type="password" class="input h-11" autocomplete="current-password" required />
            </div>
            <button type="submit" class="btn-primary h-11 w-full text-base" ?disabled=${state.busy}>${state.busy ? b.auth.working : b.auth.submitLogin}</button>
          </form>`,
        html`${b.auth.noAccount} <a href=${registerHref} class="link">${b.auth.toRegister}</a>`,
      ),
      el,
    );
  }
  draw();
}

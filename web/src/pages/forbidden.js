import { html, render } from '../ui/components.js';
import { t } from '../i18n/vi.js';
import { loginUrl } from '../router.js';
import { logout } from '../api.js';

export function mount(el, ctx) {
  ctx.setTitle(t.forbidden.title);
  const switchAccount = async () => {
    await logout();
    ctx.navigate(loginUrl(ctx.path));
  };
  render(
    html`<section class="mx-auto max-w-md py-16 text-center">
      <p class="text-5xl font-black text-slate-400" aria-hidden="true">403</p>
      <h1 class="mt-4 text-2xl font-bold focus:outline-none" tabindex="-1">${t.forbidden.title}</h1>
      <p class="mt-2 text-slate-600">${t.forbidden.body}</p>
      <div class="mt-6 flex justify-center gap-3">
        <a href="/" class="btn-primary">${t.forbidden.home}</a>
        <button type="button" class="btn-secondary" @click=${switchAccount}>${t.forbidden.switch}</button>
      </div>
    </section>`,
    el,
  );
}

import { html, render } from '../ui/components.js';
import { t } from '../i18n/vi.js';

export function mount(el, ctx) {
  ctx.setTitle(t.notFound.title);
  render(
    html`<section class="mx-auto max-w-md py-16 text-center">
      <p class="text-5xl font-black text-brand-600">404</p>
      <h1 class="mt-4 text-2xl font-bold focus:outline-none" tabindex="-1">${t.notFound.title}</h1>
      <p class="mt-2 text-slate-600">${t.notFound.body}</p>
      <a href="/" class="btn-primary mt-6">${t.notFound.home}</a>
    </section>`,
    el,
  );
}

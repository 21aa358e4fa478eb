// The login and register forms share their frame and their submit flow.
import { html, nothing } from './components.js';

export function authCard(title, lead, body, footer) {
  return html`<div class="mx-auto mt-2 max-w-md sm:mt-8">
    <div class="card p-6 sm:p-8">
      <div class="mb-6 text-center">
        <img src="/favicon.svg" alt="" class="mx-auto h-12 w-12" />
        <h1 class="mt-3 text-2xl font-extrabold tracking-tight focus:outline-none" tabindex="-1">${title}</h1>
        ${lead ? html`<p class="mt-2 text-sm text-slate-600">${lead}</p>` : nothing}
      </div>
      ${body}
    </div>
    <p class="mt-6 text-center text-sm text-slate-600">${footer}</p>
  </div>`;
}

export function formAlert(text) {
  return html`<div aria-live="assertive">${text ? html`<p class="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800" role="alert">${text}</p>` : nothing}</div>`;
}

// Send one notification to every active user or to the ticket holders of one event.
import { html, render, nothing, pageTitle, confirmDialog, field, toast } from '../../ui/components.js';
import { api } from '../../api.js';
import { fieldErrors } from '../../i18n/errors.js';
import { ta } from '../../i18n/admin.js';
import { alertBox, formValues, eventOptions } from '../../ui/admin_common.js';

const T = ta.broadcast;

export async function mount(el, ctx) {
  ctx.setTitle(T.title);
  let events = [];
  const draft = { title: '', message: '', type: 'system', audience: 'everyone', event_id: ctx.query.get('event_id') || '' };
  if (draft.event_id) draft.audience = 'event';
  let errors = {};
  let result = null; // {kind, text}
  let sending = false;

  async function send(e) {
    e.preventDefault();
    Object.assign(draft, formValues(e.target));
    errors = {};
    result = null;
    if (!draft.title) errors.title = ta.edit.required;
    if (!draft.message) errors.message = ta.edit.required;
    if (draft.audience === 'event' && !draft.event_id) errors.event_id = T.needEvent;
    if (Object.keys(errors).length) return draw();
    const ev = events.find((x) => x.id === draft.event_id);
    const ok = await confirmDialog({
      title: T.confirmTitle,
      body: draft.audience === 'event' ? T.confirmEvent(ev?.title || '') : T.confirmEveryone,
      confirmLabel: T.send,
    });
    if (!ok) return;
    sending = true;
    draw();
    try {
      const body = { title: draft.title, message: draft.message, type: draft.type };
      if (draft.audience === 'event') body.event_id = draft.event_id;
      const { data } = await api.post('/admin/notifications', body);
      result = { kind: 'ok', text: T.sent(data.sent) };
      toast(result.text);
      draft.title = '';
      draft.message = '';
    } catch (err) {
      errors = fieldErrors(err);
      result = { kind: 'error', text: err.text };
    }
    sending = false;
    draw();
  }

  const draw = () =>
    render(
      html`${pageTitle(T.title)}
        <p class="-mt-4 mb-6 text-sm text-slate-600">${T.intro}</p>
        <div aria-live="polite">${result ? alertBox(result.text, result.kind) : nothing}</div>
        <form class="card max-w-2xl space-y-4 p-4 sm:p-6" novalidate @submit=${send}
          @change=${(e) => {
            if (e.target.name === 'audience') {
              draft.audience = e.target.value;
              draw();
            }
          }}>
          ${field({ id: 'bc-title', label: T.fTitle, error: errors.title, control: html`<input id="bc-title" name="title" maxlength="200" class="input" .value=${draft.title} />` })}
          ${field({ id: 'bc-message', label: T.fMessage, error: errors.message, control: html`<textarea id="bc-message" name="message" rows="4" maxlength="2000" class="input" .value=${draft.message}></textarea>` })}
          ${field({
            id: 'bc-type',
            label: T.fType,
            control: html`<select id="bc-type" name="type" class="input">
              ${Object.entries(ta.notificationType).map(([k, v]) => html`<option value=${k} ?selected=${draft.type === k}>${v}</option>`)}
            </select>`,
          })}
          <fieldset>
            <legend class="label">${T.audience}</legend>
            <div class="space-y-2">
              ${[
                ['everyone', T.everyone],
                ['event', T.event],
              ].map(
                ([k, label]) => html`<div class="flex items-center gap-2">
                  <input id="bc-aud-${k}" type="radio" name="audience" value=${k} class="h-4 w-4 border-slate-300" .checked=${draft.audience === k} />
                  <label for="bc-aud-${k}" class="text-sm text-slate-700">${label}</label>
                </div>`,
              )}
            </div>
          </fieldset>
          ${draft.audience === 'event'
            ? field({
                id: 'bc-event',
                label: T.pickEvent,
                error: errors.event_id,
                control: html`<select id="bc-event" name="event_id" class="input">
                  <option value="" ?selected=${!draft.event_id}>${T.pickEventPrompt}</option>
                  ${events.map((e) => html`<option value=${e.id} ?selected=${draft.event_id === e.id}>${e.title} (${ta.eventStatus[e.status] || e.status})</option>`)}
                </select>`,
              })
            : nothing}
          <div class="flex justify-end">
            <button type="submit" class="btn-primary" ?disabled=${sending}>${sending ? ta.edit.sending : T.send}</button>
          </div>
        </form>`,
      el,
    );

  draw();
  try {
    events = await eventOptions();
  } catch {
    // The event picker stays empty; sending to everyone still works.
  }
  draw();
}

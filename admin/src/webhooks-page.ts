import { LitElement, css, html, nothing } from 'lit';
import { customElement, state as reactive } from 'lit/decorators.js';
import { roleAtLeast } from '../../api/src/contract/roles.ts';
import { defaultWebhookEventTypes, webhookEventTypes, webhookKinds } from '../../api/src/webhooks/event-types.ts';
import { api, state } from './app-context.ts';
import type {
  CreatedWebhook,
  Service,
  Webhook,
  WebhookDelivery,
  WebhookEventType,
  WebhookInput,
  WebhookKind,
} from './api-types.ts';
import { formatTime } from './labels.ts';
import { href } from './router.ts';
import { baseStyles } from './styles.ts';
import { failed, loading } from './components/page-state.ts';
import { FormController } from './components/form-controller.ts';
import { field } from './components/form-field.ts';
import { secretBox } from './components/secret-box.ts';
import { confirmAction } from './components/confirm-dialog.ts';
import { LiveController } from './components/live-controller.ts';

const kindLabels: Record<WebhookKind, string> = {
  standard: 'Standard (signed JSON)',
  slack: 'Slack incoming webhook',
  discord: 'Discord webhook',
};

/** Per-webhook state of the list: its deliveries when opened, and the last action's outcome. */
interface HookView {
  deliveries?: WebhookDelivery[] | null;
  /** The cursor of the deliveries' next page; null when all are shown. */
  deliveriesNext?: string | null;
  message?: string;
  error?: string;
}

/**
 * /admin/webhooks (admins): the org's webhooks with kind, URL, followed services and event types and
 * whether they are on; create one (its signing secret shown once), edit, delete, send a test, and
 * each one's deliveries with every attempt's response code and duration, a page at a time. Live from
 * the org stream (`webhook.*`, and the services a webhook can follow).
 */
@customElement('webhooks-page')
export class WebhooksPage extends LitElement {
  @reactive() private accessor hooks: Webhook[] | null = null;
  @reactive() private accessor services: Service[] = [];
  @reactive() private accessor problem: unknown = null;
  @reactive() private accessor created: CreatedWebhook | null = null;
  /** The webhook being edited (the form holds its values); null: the form creates one. */
  @reactive() private accessor editing: Webhook | null = null;
  @reactive() private accessor views: Record<string, HookView> = {};
  private form = new FormController(this);

  static override styles = [
    baseStyles,
    css`
      section {
        margin-bottom: 1rem;
      }
      fieldset {
        border: 1px solid var(--border);
        border-radius: 8px;
        padding: 0.75rem;
        margin: 0;
      }
      legend {
        font-weight: 600;
        padding: 0 0.25rem;
      }
      fieldset label {
        display: flex;
        gap: 0.5rem;
        align-items: baseline;
        font-weight: 400;
        padding: 0.2rem 0;
      }
      fieldset input {
        width: auto;
      }
      code {
        font-family: ui-monospace, monospace;
      }
      li.hook {
        padding: 0.75rem 0;
        border-top: 1px solid var(--border);
        display: grid;
        gap: 0.4rem;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      li.hook:first-child {
        border-top: 0;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .badge {
        display: inline-block;
        border: 1px solid var(--border);
        border-radius: 999px;
        padding: 0 0.5rem;
        font-size: 0.85rem;
      }
      .secret {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
      }
      .secret label {
        flex: 1 1 20rem;
      }
      .secret input {
        font-family: ui-monospace, monospace;
      }
      table {
        border-collapse: collapse;
        width: 100%;
        font-size: 0.9rem;
      }
      th,
      td {
        text-align: left;
        padding: 0.25rem 0.5rem 0.25rem 0;
        border-top: 1px solid var(--border);
        vertical-align: top;
        /* Rows stay whole; a narrow screen scrolls the table sideways, not the page. */
        white-space: nowrap;
      }
      .deliveries {
        overflow-x: auto;
      }
    `,
  ];

  constructor() {
    super();
    // Another admin's changes to the webhooks, or to the services they can follow, show at once.
    new LiveController(this, state, ({ type }) => {
      if (type === 'snapshot' || type.startsWith('webhook.') || /^service\.(created|updated|deleted)$/.test(type))
        void this.load();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get isAdmin(): boolean {
    return roleAtLeast(state.role ?? 'viewer', 'admin');
  }

  private async load() {
    const org = state.org;
    if (!org || !this.isAdmin) return;
    try {
      const [hooks, services] = await Promise.all([api.webhooks.list(org.id), api.services.list(org.id)]);
      this.hooks = hooks;
      this.services = services;
      this.problem = null;
    } catch (error) {
      this.problem = error;
    }
  }

  override render() {
    const header = html`<p><a href=${href('integrations')}>← Integrations</a></p>
      <h1 tabindex="-1">Webhooks</h1>`;
    if (!this.isAdmin)
      return html`${header}
        <p class="muted">Only admins manage webhooks.</p>`;
    if (this.problem) return html`${header}${failed(this.problem, () => void this.load())}`;
    if (!this.hooks) return html`${header}${loading('webhooks')}`;
    return html`${header}
      <p class="muted">
        Lantern posts incidents, maintenances and (when chosen) status changes to these URLs. Standard webhooks are
        signed (Standard Webhooks headers) with the secret shown when you create one.
      </p>
      ${this.renderForm()}
      <section class="card" aria-labelledby="hooks">
        <h2 id="hooks" style="margin-top: 0">Webhooks</h2>
        ${
          this.hooks.length === 0
            ? html`<p class="muted">No webhook yet: add one above.</p>`
            : html`<ul class="plain">
                ${this.hooks.map((hook) => this.renderHook(hook))}
              </ul>`
        }
      </section>`;
  }

  private renderForm() {
    const { busy, message, fields } = this.form;
    const hook = this.editing;
    const types: readonly WebhookEventType[] = hook?.event_types ?? defaultWebhookEventTypes;
    return html`<section class="card" aria-labelledby="hook-form">
      <h2 id="hook-form" style="margin-top: 0">${hook ? 'Edit webhook' : 'Add a webhook'}</h2>
      ${
        this.created && !hook
          ? html`<div role="status">
                <p>The webhook is ready. Copy its signing secret now: it is shown only this once.</p>
              </div>
              ${secretBox('Signing secret', this.created.secret, 'Copy secret')}
              <p><button class="secondary" @click=${() => (this.created = null)}>Done, hide the secret</button></p>`
          : nothing
      }
      <form @submit=${this.save} novalidate>
        ${field({
          label: 'URL',
          name: 'url',
          type: 'url',
          autocomplete: 'off',
          value: hook?.url ?? '',
          hint: 'https://… where your receiver listens',
          error: fields.url,
        })}
        <label
          >Kind
          <select name="kind" aria-invalid=${fields.kind ? 'true' : 'false'}>
            ${webhookKinds.map((k) => html`<option value=${k} ?selected=${(hook?.kind ?? 'standard') === k}>${kindLabels[k]}</option>`)}
          </select>
          ${fields.kind ? html`<span class="field-error">${fields.kind}</span>` : nothing}
        </label>
        ${field({
          label: 'Description (optional)',
          name: 'description',
          required: false,
          autocomplete: 'off',
          value: hook?.description ?? '',
          error: fields.description,
        })}
        <fieldset aria-describedby="services-hint${fields.service_ids ? ' services-error' : ''}">
          <legend>Services</legend>
          <p class="hint" id="services-hint">None ticked: every service, new ones included.</p>
          ${this.services.map(
            (s) =>
              html`<label
                ><input
                  type="checkbox"
                  name="service_ids"
                  value=${s.id}
                  ?checked=${hook?.service_ids?.includes(s.id) ?? false}
                /><span>${s.name}</span></label
              >`,
          )}
          ${fields.service_ids ? html`<p class="field-error" id="services-error">${fields.service_ids}</p>` : nothing}
        </fieldset>
        <fieldset aria-describedby=${fields.event_types ? 'types-error' : nothing}>
          <legend>Events</legend>
          ${webhookEventTypes.map(
            (type) =>
              html`<label
                ><input type="checkbox" name="event_types" value=${type} ?checked=${types.includes(type)} /><code
                  >${type}</code
                ></label
              >`,
          )}
          ${fields.event_types ? html`<p class="field-error" id="types-error">${fields.event_types}</p>` : nothing}
        </fieldset>
        ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
        <div class="actions">
          <button type="submit" ?disabled=${busy}>${hook ? 'Save webhook' : 'Add webhook'}</button>
          ${hook ? html`<button type="button" class="secondary" @click=${() => this.edit(null)}>Cancel</button>` : nothing}
        </div>
      </form>
    </section>`;
  }

  private renderHook(hook: Webhook) {
    const view = this.views[hook.id] ?? {};
    const names = hook.service_ids?.map((id) => this.services.find((s) => s.id === id)?.name ?? id);
    return html`<li class="hook" data-webhook=${hook.url}>
      <span
        ><span class="badge">${hook.kind}</span>
        ${
          hook.disabled_at
            ? html`<span class="badge error"
                >Disabled${hook.disabled_reason === 'gone' ? ' (receiver gone)' : ' (failing)'}</span
              >`
            : html`<span class="badge">Enabled</span>`
        }
        <strong><code>${hook.url}</code></strong></span
      >
      ${hook.description ? html`<span>${hook.description}</span>` : nothing}
      <span class="muted">Services: ${names ? names.join(', ') : 'all'}</span>
      <span class="muted">Events: ${hook.event_types.join(', ')}</span>
      ${
        hook.disabled_at
          ? html`<span class="muted">Disabled ${formatTime(hook.disabled_at)}; saving it again turns it back on.</span>`
          : nothing
      }
      <span class="actions">
        <button class="secondary" @click=${() => this.edit(hook)}>
          Edit<span class="visually-hidden"> ${hook.url}</span>
        </button>
        <button class="secondary" @click=${() => this.sendTest(hook)}>
          Send test<span class="visually-hidden"> to ${hook.url}</span>
        </button>
        <button
          class="secondary"
          aria-expanded=${view.deliveries !== undefined ? 'true' : 'false'}
          @click=${() => this.toggleDeliveries(hook)}
        >
          Deliveries<span class="visually-hidden"> of ${hook.url}</span>
        </button>
        <button class="secondary" @click=${() => this.deleteHook(hook)}>
          Delete<span class="visually-hidden"> ${hook.url}</span>
        </button>
      </span>
      ${view.message ? html`<p role="status">${view.message}</p>` : nothing}
      ${view.error ? html`<p class="error" role="alert">${view.error}</p>` : nothing}
      ${view.deliveries !== undefined ? this.renderDeliveries(hook, view.deliveries, view.deliveriesNext ?? null) : nothing}
    </li>`;
  }

  private renderDeliveries(hook: Webhook, deliveries: WebhookDelivery[] | null, next: string | null) {
    const refresh = html`<button class="secondary" @click=${() => this.loadDeliveries(hook)}>
      Refresh deliveries<span class="visually-hidden"> of ${hook.url}</span>
    </button>`;
    if (deliveries === null) return loading('deliveries');
    if (deliveries.length === 0)
      return html`<div class="deliveries">
        <p class="muted">No delivery yet. Send a test to see one.</p>
        ${refresh}
      </div>`;
    const rows = deliveries.flatMap((d) =>
      d.attempts.length === 0
        ? [
            html`<tr data-delivery=${d.id}>
              <td><code>${d.type}</code></td>
              <td>${d.state}</td>
              <td colspan="4" class="muted">
                not sent yet${d.next_attempt_at ? ` (due ${formatTime(d.next_attempt_at)})` : ''}
              </td>
            </tr>`,
          ]
        : d.attempts.map(
            (a) =>
              html`<tr data-delivery=${d.id}>
                <td><code>${d.type}</code></td>
                <td>${d.state}</td>
                <td>#${a.attempt} · ${formatTime(a.started_at)}</td>
                <td data-response-code>${a.response_code ?? '–'}</td>
                <td>${a.duration_ms} ms</td>
                <td>${a.outcome}${a.error ? html` <span class="muted">${a.error}</span>` : nothing}</td>
              </tr>`,
          ),
    );
    return html`<div class="deliveries">
      <table aria-label="Deliveries of ${hook.url}">
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">State</th>
            <th scope="col">Attempt</th>
            <th scope="col">Response</th>
            <th scope="col">Duration</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
      ${
        next
          ? html`<button class="secondary" @click=${() => this.moreDeliveries(hook, next)}>
              Show more deliveries<span class="visually-hidden"> of ${hook.url}</span>
            </button>`
          : nothing
      }
      ${refresh}
    </div>`;
  }

  private setView(id: string, view: HookView) {
    this.views = { ...this.views, [id]: { ...this.views[id], ...view } };
  }

  private edit(hook: Webhook | null) {
    this.editing = hook;
    this.created = null;
    this.form.fields = {};
    this.form.message = '';
    this.renderRoot.querySelector('form')?.reset();
    if (hook) this.renderRoot.querySelector<HTMLElement>('#hook-form')?.scrollIntoView();
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const services = data.getAll('service_ids').map(String);
    const body: WebhookInput = {
      url: String(data.get('url') ?? ''),
      kind: String(data.get('kind') ?? 'standard') as WebhookKind,
      description: String(data.get('description') ?? ''),
      service_ids: services.length ? services : null,
      event_types: data.getAll('event_types').map(String) as WebhookEventType[],
    };
    const orgId = state.org!.id;
    const editing = this.editing;
    this.created = null;
    const ok = await this.form.run(async () => {
      if (editing) await api.webhooks.update(orgId, editing.id, body);
      else this.created = await api.webhooks.create(orgId, body);
    });
    if (ok) {
      this.editing = null;
      form.reset();
      await this.load();
    }
  }

  private async sendTest(hook: Webhook) {
    this.setView(hook.id, { message: '', error: '' });
    try {
      await api.webhooks.test(state.org!.id, hook.id);
      this.setView(hook.id, { message: 'Test queued: it appears under Deliveries once sent.' });
      await this.loadDeliveries(hook);
    } catch (error) {
      this.setView(hook.id, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  private async toggleDeliveries(hook: Webhook) {
    if (this.views[hook.id]?.deliveries !== undefined) {
      const { deliveries: _closed, ...rest } = this.views[hook.id]!;
      this.views = { ...this.views, [hook.id]: rest };
      return;
    }
    await this.loadDeliveries(hook);
  }

  /** The first page of a webhook's deliveries (again, on Refresh: what was shown beyond it is dropped). */
  private async loadDeliveries(hook: Webhook) {
    if (this.views[hook.id]?.deliveries === undefined) this.setView(hook.id, { deliveries: null });
    try {
      const page = await api.webhooks.deliveries(state.org!.id, hook.id);
      this.setView(hook.id, { deliveries: page.data, deliveriesNext: page.next_cursor, error: '' });
    } catch (error) {
      this.setView(hook.id, {
        deliveries: [],
        deliveriesNext: null,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** The page after `cursor`, below those shown. */
  private async moreDeliveries(hook: Webhook, cursor: string) {
    try {
      const page = await api.webhooks.deliveries(state.org!.id, hook.id, cursor);
      const shown = this.views[hook.id]?.deliveries ?? [];
      this.setView(hook.id, { deliveries: [...shown, ...page.data], deliveriesNext: page.next_cursor, error: '' });
    } catch (error) {
      this.setView(hook.id, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  private async deleteHook(hook: Webhook) {
    const ok = await confirmAction({
      message: `Delete the webhook to ${hook.url}? Nothing more is sent to it.`,
      confirmLabel: 'Delete webhook',
    });
    if (!ok) return;
    try {
      await api.webhooks.delete(state.org!.id, hook.id);
      if (this.editing?.id === hook.id) this.edit(null);
      await this.load();
    } catch (error) {
      this.setView(hook.id, { error: error instanceof Error ? error.message : String(error) });
    }
  }
}

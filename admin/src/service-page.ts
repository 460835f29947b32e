import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state as reactive } from 'lit/decorators.js';
import { roleAtLeast } from '../../api/src/contract/roles.ts';
import { api, state } from './app-context.ts';
import type { Service, ServiceGroup, ServiceStatusChange, ServiceUptime } from './api-types.ts';
import type { LiveEvent } from './app-state.ts';
import { formatTime, serviceStatusLabel } from './labels.ts';
import { href, navigate } from './router.ts';
import { baseStyles } from './styles.ts';
import { empty, failed, loading } from './components/page-state.ts';
import { LiveController } from './components/live-controller.ts';
import { FormController } from './components/form-controller.ts';
import { formValues } from './components/form-field.ts';
import type { ConfirmDialog } from './components/confirm-dialog.ts';
import './components/confirm-dialog.ts';
import { serviceFields } from './components/service-fields.ts';
import './components/status-pill.ts';
import './components/uptime-bar.ts';

const sourceLabel: Record<ServiceStatusChange['source'], string> = {
  manual: 'set by hand',
  api: 'set through the API',
  incident: 'by an incident',
  maintenance: 'by a maintenance',
  alert: 'by an alert',
};

/**
 * /admin/services/:id: one service, its 90-day uptime bar and its status history (newest first,
 * page by page); admins edit its name, description and group, and delete it after a confirmation.
 * Live: the service, its uptime and history follow the org stream.
 */
@customElement('service-page')
export class ServicePage extends LitElement {
  @property({ attribute: false }) accessor params: Record<string, string> = {};
  @reactive() private accessor service: Service | null = null;
  @reactive() private accessor groups: ServiceGroup[] = [];
  @reactive() private accessor uptime: ServiceUptime | null = null;
  @reactive() private accessor history: ServiceStatusChange[] | null = null;
  @reactive() private accessor cursor: string | null = null;
  @reactive() private accessor problem: unknown = null;
  @reactive() private accessor gone = false;
  @reactive() private accessor saved = false;
  @query('confirm-dialog') private accessor confirmDialog!: ConfirmDialog;
  private readonly editForm = new FormController(this);
  private readonly deleteForm = new FormController(this);

  static override styles = [
    baseStyles,
    css`
      .grid {
        display: grid;
        gap: 1rem;
        grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
        align-items: start;
      }
      .description {
        white-space: pre-wrap;
      }
      ol {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      ol li {
        border-left: 3px solid var(--border);
        padding: 0.25rem 0 0.75rem 0.75rem;
      }
      .when {
        color: var(--muted);
        font-size: 0.9rem;
      }
      .message {
        white-space: pre-wrap;
        margin: 0.25rem 0 0;
      }
      section.card {
        margin-bottom: 1rem;
      }
      section.card h2:first-child {
        margin-top: 0;
      }
    `,
  ];

  constructor() {
    super();
    new LiveController(this, state, (event) => this.onLive(event));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const org = state.org;
    if (!org || !this.params.id) return;
    try {
      const [service, groups, uptime, history] = await Promise.all([
        api.services.get(org.id, this.params.id),
        api.groups.list(org.id),
        api.services.uptime(org.id, this.params.id),
        api.services.history(org.id, this.params.id),
      ]);
      this.service = service;
      this.groups = groups;
      this.uptime = uptime;
      this.history = history.data;
      this.cursor = history.next_cursor;
      this.problem = null;
    } catch (error) {
      this.problem = error;
    }
  }

  private onLive({ type, payload }: LiveEvent) {
    const touched = (payload.service as { id?: string } | undefined)?.id ?? payload.id;
    if (type === 'service.deleted' && touched === this.params.id) {
      this.gone = true;
      return;
    }
    if (
      type === 'snapshot' ||
      type.startsWith('service_group.') ||
      (type.startsWith('service.') && touched === this.params.id)
    )
      void this.load();
  }

  private async more() {
    const org = state.org;
    if (!org || !this.cursor) return;
    try {
      const page = await api.services.history(org.id, this.params.id!, this.cursor);
      this.history = [...(this.history ?? []), ...page.data];
      this.cursor = page.next_cursor;
    } catch (error) {
      this.problem = error;
    }
  }

  override render() {
    const back = html`<p><a href=${href('services')}>← Services</a></p>`;
    if (this.gone)
      return html`${back}
        <h1 tabindex="-1">Service deleted</h1>
        <p role="status">This service has been deleted.</p>`;
    if (this.problem)
      return html`${back}
        <h1 tabindex="-1">Service</h1>
        ${failed(this.problem, () => void this.load())}`;
    const service = this.service;
    if (!service)
      return html`${back}
        <h1 tabindex="-1">Service</h1>
        ${loading('the service')}`;
    const role = state.role ?? 'viewer';
    const group = this.groups.find((g) => g.id === service.group_id);
    return html`${back}
      <div class="spread">
        <h1 tabindex="-1">${service.name}</h1>
        <status-pill status=${service.status}></status-pill>
      </div>
      <p class="muted">
        ${group ? html`In ${group.name}. ` : nothing}${service.is_public ? 'Shown on the status page.' : 'Private.'}
        ${
          service.status !== service.manual_status
            ? html`Held as ${serviceStatusLabel[service.status]}; the manual status is
              ${serviceStatusLabel[service.manual_status]}.`
            : nothing
        }
      </p>
      ${service.description ? html`<p class="description">${service.description}</p>` : nothing}
      <section class="card" aria-labelledby="uptime-title">
        <h2 id="uptime-title">Last 90 days</h2>
        <uptime-bar .uptime=${this.uptime}></uptime-bar>
      </section>
      <div class="grid">
        <section class="card" aria-labelledby="history-title">
          <h2 id="history-title">Status history</h2>
          ${this.renderHistory()}
        </section>
        ${roleAtLeast(role, 'admin') ? this.renderEdit(service) : nothing}
      </div>
      <confirm-dialog></confirm-dialog>`;
  }

  private renderHistory() {
    const history = this.history;
    if (!history) return loading('the history');
    if (history.length === 0) return empty('No status change yet.');
    return html`<ol data-history>
        ${history.map(
          (change) =>
            html`<li>
              <div>
                <status-pill status=${change.status}></status-pill>
                <span class="muted">${sourceLabel[change.source]}</span>
              </div>
              <div class="when">
                <time datetime=${change.created_at}>${formatTime(change.created_at)}</time>
                ${change.previous_status ? html` · was ${serviceStatusLabel[change.previous_status]}` : nothing}
              </div>
              ${change.message ? html`<p class="message">${change.message}</p>` : nothing}
            </li>`,
        )}
      </ol>
      ${this.cursor ? html`<button class="secondary" @click=${this.more}>Show older changes</button>` : nothing}`;
  }

  private renderEdit(service: Service) {
    const { busy, message, fields } = this.editForm;
    return html`<section class="card" aria-labelledby="edit-title">
      <h2 id="edit-title">Edit service</h2>
      <form @submit=${this.save} novalidate>
        ${serviceFields({ service, groups: this.groups, errors: fields, idPrefix: 'edit-' })}
        <div class="row">
          <button type="submit" ?disabled=${busy}>Save changes</button>
          ${this.saved ? html`<span role="status">Saved.</span>` : nothing}
        </div>
        ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
      </form>
      <h2>Delete</h2>
      <p class="muted">Deleting removes the service from the status page, with its status history.</p>
      <button class="secondary" @click=${this.deleteService} ?disabled=${this.deleteForm.busy}>
        Delete ${service.name}
      </button>
      ${this.deleteForm.message ? html`<p class="error" role="alert">${this.deleteForm.message}</p>` : nothing}
    </section>`;
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const org = state.org;
    const service = this.service;
    if (!org || !service) return;
    const values = formValues(event.target as HTMLFormElement);
    this.saved = false;
    this.saved = await this.editForm.run(async () => {
      this.service = await api.services.update(org.id, service.id, {
        name: values.name ?? '',
        description: values.description ?? '',
        group_id: values.group_id || null,
      });
    });
  }

  private async deleteService() {
    const org = state.org;
    const service = this.service;
    if (!org || !service) return;
    const ok = await this.confirmDialog.ask({
      message: `Delete ${service.name}? It leaves the status page, and its status history goes with it.`,
      confirmLabel: `Delete ${service.name}`,
    });
    if (!ok) return;
    if (await this.deleteForm.run(() => api.services.delete(org.id, service.id))) navigate('services');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'service-page': ServicePage;
  }
}

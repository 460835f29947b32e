import { LitElement, css, html, nothing } from 'lit';
import { customElement, state as reactive } from 'lit/decorators.js';
import { holdStatuses, incidentImpacts, incidentStatuses } from '../../api/src/contract/status.ts';
import { api, state } from './app-context.ts';
import type {
  CreateIncidentInput,
  HoldStatus,
  IncidentImpact,
  IncidentStatus,
  Service,
  Template,
} from './api-types.ts';
import { impactLabel, incidentStatusLabel, serviceStatusLabel } from './labels.ts';
import { href, navigate } from './router.ts';
import { baseStyles } from './styles.ts';
import { failed, loading } from './components/page-state.ts';
import { FormController } from './components/form-controller.ts';
import { field } from './components/form-field.ts';

/**
 * /admin/incidents/new: title, state, impact, the affected services with the status each shows, first
 * update. With `?template=<id>` the form starts filled from that template, still editable.
 */
@customElement('new-incident-page')
export class NewIncidentPage extends LitElement {
  query?: URLSearchParams;
  /** The template the form was filled from, if any. */
  @reactive() private accessor template: Template | null = null;
  @reactive() private accessor services: Service[] | null = null;
  @reactive() private accessor problem: unknown = null;
  /** Affected service id → the status the incident holds it at. */
  @reactive() private accessor affected: Record<string, HoldStatus> = {};
  private form = new FormController(this);

  static override styles = [
    baseStyles,
    css`
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
      .service {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        justify-content: space-between;
        padding: 0.35rem 0;
      }
      .service label {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        font-weight: 400;
      }
      .service input {
        width: auto;
      }
      .service select {
        width: auto;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const org = state.org;
    if (!org) return;
    this.problem = null;
    try {
      const templateId = this.query?.get('template');
      if (templateId) {
        this.template = await api.templates.get(org.id, templateId);
        this.affected = Object.fromEntries(
          this.template.services.map((s) => [s.service_id, s.status ?? 'partial_outage'] as const),
        );
      }
      this.services = (await api.services.list(org.id)).sort(
        (a, b) => a.position - b.position || a.name.localeCompare(b.name),
      );
    } catch (error) {
      this.problem = error;
    }
  }

  override render() {
    const { busy, message, fields } = this.form;
    return html`<p><a href=${href('incidents')}>← Incidents</a></p>
      <section class="card">
        <h1 tabindex="-1">New incident</h1>
        ${this.template ? html`<p class="muted">From the template ${this.template.name}: check it, then open it.</p>` : nothing}
        <form @submit=${this.submit} novalidate>
          ${field({ label: 'Title', name: 'title', value: this.template?.title ?? '', error: fields.title })}
          <div class="row">
            <label
              >State
              <select name="status">
                ${incidentStatuses.filter((s) => s !== 'resolved').map((s) => html`<option value=${s}>${incidentStatusLabel[s]}</option>`)}
              </select>
            </label>
            <label
              >Impact
              <select name="impact">
                ${incidentImpacts.map((i) => html`<option value=${i} ?selected=${i === (this.template?.impact ?? 'minor')}>${impactLabel[i]}</option>`)}
              </select>
            </label>
          </div>
          ${field({
            label: 'Started at (optional, your local time)',
            name: 'started_at',
            type: 'datetime-local',
            required: false,
            hint: 'Leave empty for now; set it to backdate an incident that began earlier.',
            error: fields.started_at,
          })}
          <fieldset>
            <legend>Affected services</legend>
            ${this.problem ? failed(this.problem, () => void this.load()) : this.services === null ? loading('services') : this.services.length === 0 ? html`<p class="muted">This organization has no services yet.</p>` : this.services.map((service) => this.renderService(service))}
            ${fields.services ? html`<p class="field-error">${fields.services}</p>` : nothing}
          </fieldset>
          <label>
            First update
            <textarea
              name="message"
              required
              .value=${this.template?.message ?? ''}
              aria-invalid=${fields.message ? 'true' : 'false'}
              aria-describedby=${fields.message ? 'message-error' : nothing}
            ></textarea>
            ${fields.message ? html`<span class="field-error" id="message-error">${fields.message}</span>` : nothing}
          </label>
          ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
          <div><button type="submit" ?disabled=${busy}>${busy ? 'Opening…' : 'Open incident'}</button></div>
        </form>
      </section>`;
  }

  private renderService(service: Service) {
    const held = this.affected[service.id];
    return html`<div class="service">
      <label>
        <input
          type="checkbox"
          .checked=${held !== undefined}
          @change=${(event: Event) => this.toggle(service.id, (event.target as HTMLInputElement).checked)}
        />
        ${service.name}
      </label>
      ${
        held !== undefined
          ? html`<select
              aria-label="Status of ${service.name} during the incident"
              @change=${(event: Event) => (this.affected = { ...this.affected, [service.id]: (event.target as HTMLSelectElement).value as HoldStatus })}
            >
              ${holdStatuses.map((s) => html`<option value=${s} ?selected=${s === held}>${serviceStatusLabel[s]}</option>`)}
            </select>`
          : nothing
      }
    </div>`;
  }

  private toggle(serviceId: string, on: boolean) {
    const next = { ...this.affected };
    if (on) next[serviceId] = 'partial_outage';
    else delete next[serviceId];
    this.affected = next;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const org = state.org;
    if (!org) return;
    const data = new FormData(event.target as HTMLFormElement);
    const startedAt = String(data.get('started_at') ?? '');
    const input: CreateIncidentInput = {
      ...(startedAt ? { started_at: new Date(startedAt).toISOString() } : {}),
      title: String(data.get('title') ?? ''),
      status: data.get('status') as IncidentStatus,
      impact: data.get('impact') as IncidentImpact,
      message: String(data.get('message') ?? ''),
      services: Object.entries(this.affected).map(([service_id, status]) => ({ service_id, status })),
    };
    let id = '';
    if (await this.form.run(async () => (id = (await api.incidents.create(org.id, input)).id)))
      navigate(`incidents/${id}`);
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state as reactive } from 'lit/decorators.js';
import { incidentStatuses } from '../../api/src/contract/status.ts';
import { roleAtLeast } from '../../api/src/contract/roles.ts';
import { api, state } from './app-context.ts';
import type { Incident, IncidentStatus } from './api-types.ts';
import { formatTime, impactLabel, incidentStatusLabel } from './labels.ts';
import { href } from './router.ts';
import { baseStyles } from './styles.ts';
import { failed, loading } from './components/page-state.ts';
import { LiveController } from './components/live-controller.ts';
import { FormController } from './components/form-controller.ts';
import './components/status-pill.ts';

/** /admin/incidents/:id: the incident, its services and timeline; members post updates and resolve. */
@customElement('incident-page')
export class IncidentPage extends LitElement {
  @property({ attribute: false }) accessor params: Record<string, string> = {};
  @reactive() private accessor incident: Incident | null = null;
  @reactive() private accessor problem: unknown = null;
  private updateForm = new FormController(this);
  private resolveForm = new FormController(this);

  static override styles = [
    baseStyles,
    css`
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
      .grid {
        display: grid;
        gap: 1rem;
        grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
        align-items: start;
      }
    `,
  ];

  constructor() {
    super();
    new LiveController(this, state, ({ type, payload }) => {
      const touched = (payload.incident as { id?: string } | undefined)?.id ?? payload.id;
      if (type === 'snapshot' || (type.startsWith('incident') && touched === this.params.id)) void this.load();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const org = state.org;
    if (!org || !this.params.id) return;
    try {
      this.incident = await api.incidents.get(org.id, this.params.id);
      this.problem = null;
    } catch (error) {
      this.problem = error;
    }
  }

  override render() {
    const back = html`<p><a href=${href('incidents')}>← Incidents</a></p>`;
    if (this.problem)
      return html`${back}
        <h1 tabindex="-1">Incident</h1>
        ${failed(this.problem, () => void this.load())}`;
    const incident = this.incident;
    if (!incident) return html`${back}${loading('the incident')}`;
    const canWrite = roleAtLeast(state.role ?? 'viewer', 'member');
    const open = incident.status !== 'resolved';
    return html`${back}
      <h1 tabindex="-1">${incident.title}</h1>
      <p data-incident-state>
        <strong>${incidentStatusLabel[incident.status]}</strong> · ${impactLabel[incident.impact]} impact · started
        ${formatTime(incident.started_at)}${incident.resolved_at ? ` · resolved ${formatTime(incident.resolved_at)}` : ''}
      </p>
      <div class="grid">
        <section class="card" aria-labelledby="timeline">
          <h2 id="timeline" style="margin-top: 0">Timeline</h2>
          <ol>
            ${incident.updates.map(
              (update) =>
                html`<li>
                  <strong>${incidentStatusLabel[update.status]}</strong>
                  <span class="when">${formatTime(update.created_at)}</span>
                  <p class="message">${update.message}</p>
                </li>`,
            )}
          </ol>
        </section>
        <div>
          <section class="card" aria-labelledby="affected">
            <h2 id="affected" style="margin-top: 0">Affected services</h2>
            ${
              incident.services.length === 0
                ? html`<p class="muted">None listed.</p>`
                : html`<ul class="plain">
                    ${incident.services.map(
                      (s) => html`<li class="spread">${s.name} <status-pill status=${s.status}></status-pill></li>`,
                    )}
                  </ul>`
            }
          </section>
          ${canWrite && open ? this.renderActions() : nothing}
        </div>
      </div>`;
  }

  private renderActions() {
    const update = this.updateForm;
    const resolve = this.resolveForm;
    return html`<section class="card" style="margin-top: 1rem" aria-labelledby="post">
        <h2 id="post" style="margin-top: 0">Post an update</h2>
        <form @submit=${this.postUpdate} novalidate>
          <label
            >State
            <select name="status">
              ${incidentStatuses.map((s) => html`<option value=${s} ?selected=${s === this.incident?.status}>${incidentStatusLabel[s]}</option>`)}
            </select>
          </label>
          <label
            >Message
            <textarea name="message" required aria-invalid=${update.fields.message ? 'true' : 'false'}></textarea>
            ${update.fields.message ? html`<span class="field-error">${update.fields.message}</span>` : nothing}
          </label>
          ${update.message ? html`<p class="error" role="alert">${update.message}</p>` : nothing}
          <div><button type="submit" ?disabled=${update.busy}>Post update</button></div>
        </form>
      </section>
      <section class="card" style="margin-top: 1rem" aria-labelledby="resolve">
        <h2 id="resolve" style="margin-top: 0">Resolve</h2>
        <form @submit=${this.resolve} novalidate>
          <label
            >Closing message (optional)
            <textarea name="message"></textarea>
          </label>
          ${resolve.message ? html`<p class="error" role="alert">${resolve.message}</p>` : nothing}
          <div><button type="submit" ?disabled=${resolve.busy}>Resolve incident</button></div>
        </form>
      </section>`;
  }

  private async postUpdate(event: SubmitEvent) {
    event.preventDefault();
    const org = state.org;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const body = { status: data.get('status') as IncidentStatus, message: String(data.get('message') ?? '') };
    const ok = await this.updateForm.run(async () => {
      this.incident = await api.incidents.postUpdate(org!.id, this.params.id!, body);
    });
    if (ok) form.reset();
  }

  private async resolve(event: SubmitEvent) {
    event.preventDefault();
    const org = state.org;
    const message = String(new FormData(event.target as HTMLFormElement).get('message') ?? '').trim();
    await this.resolveForm.run(async () => {
      this.incident = await api.incidents.resolve(org!.id, this.params.id!, message ? { message } : {});
    });
  }
}

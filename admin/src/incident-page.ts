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
import { markdownField } from './components/markdown-field.ts';
import './components/status-pill.ts';
import './components/incident-timeline.ts';
import './components/incident-postmortem.ts';

/**
 * /admin/incidents/:id: the incident, its services and timeline; members post updates (Markdown, with
 * a preview), edit and delete them, resolve, and write the post-mortem of a resolved incident.
 */
@customElement('incident-page')
export class IncidentPage extends LitElement {
  @property({ attribute: false }) accessor params: Record<string, string> = {};
  @reactive() private accessor incident: Incident | null = null;
  @reactive() private accessor problem: unknown = null;
  private updateForm = new FormController(this);
  private resolveForm = new FormController(this);
  /** The texts being written, for their previews. */
  @reactive() private accessor updateDraft = '';
  @reactive() private accessor resolveDraft = '';

  static override styles = [
    baseStyles,
    css`
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
          <incident-timeline
            .incident=${incident}
            ?editable=${canWrite}
            @incident-changed=${this.changed}
          ></incident-timeline>
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
          <incident-postmortem
            style="margin-top: 1rem"
            .incident=${incident}
            ?editable=${canWrite}
            @incident-changed=${this.changed}
          ></incident-postmortem>
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
          ${markdownField({
            label: 'Message',
            name: 'message',
            id: 'update-message',
            value: this.updateDraft,
            required: true,
            error: update.fields.message,
            onInput: (value) => (this.updateDraft = value),
          })}
          ${update.message ? html`<p class="error" role="alert">${update.message}</p>` : nothing}
          <div><button type="submit" ?disabled=${update.busy}>Post update</button></div>
        </form>
      </section>
      <section class="card" style="margin-top: 1rem" aria-labelledby="resolve">
        <h2 id="resolve" style="margin-top: 0">Resolve</h2>
        <form @submit=${this.resolve} novalidate>
          ${markdownField({
            label: 'Closing message (optional)',
            name: 'message',
            id: 'resolve-message',
            value: this.resolveDraft,
            onInput: (value) => (this.resolveDraft = value),
          })}
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
    if (ok) {
      form.reset();
      this.updateDraft = '';
    }
  }

  private changed = (event: CustomEvent<Incident>) => {
    this.incident = event.detail;
  };

  private async resolve(event: SubmitEvent) {
    event.preventDefault();
    const org = state.org;
    const message = String(new FormData(event.target as HTMLFormElement).get('message') ?? '').trim();
    const ok = await this.resolveForm.run(async () => {
      this.incident = await api.incidents.resolve(org!.id, this.params.id!, message ? { message } : {});
    });
    if (ok) this.resolveDraft = '';
  }
}

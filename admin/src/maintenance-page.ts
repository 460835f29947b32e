import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state as reactive } from 'lit/decorators.js';
import { roleAtLeast } from '../../api/src/contract/roles.ts';
import { api, state } from './app-context.ts';
import type { CreateMaintenanceInput, Maintenance, MaintenanceStatus, Service } from './api-types.ts';
import { maintenanceStatusLabel } from './labels.ts';
import { href } from './router.ts';
import { baseStyles } from './styles.ts';
import { browserZone, formatInZone } from './time-zone.ts';
import { failed, loading } from './components/page-state.ts';
import { LiveController } from './components/live-controller.ts';
import { FormController } from './components/form-controller.ts';
import { markdownField } from './components/markdown-field.ts';
import './components/maintenance-form.ts';
import './components/markdown-view.ts';

/** The moves a maintenance can still make from each state (the API refuses the others). */
const nextStatuses: Record<MaintenanceStatus, MaintenanceStatus[]> = {
  scheduled: ['in_progress', 'cancelled'],
  in_progress: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

/**
 * /admin/maintenances/:id: the window on the org's and the browser's clock, its services and
 * timeline (updates rendered from their Markdown); members edit the plan, post updates (optionally
 * moving it on, with a preview) and cancel it.
 */
@customElement('maintenance-page')
export class MaintenancePage extends LitElement {
  @property({ attribute: false }) accessor params: Record<string, string> = {};
  @reactive() private accessor maintenance: Maintenance | null = null;
  @reactive() private accessor services: Service[] = [];
  @reactive() private accessor zone = 'UTC';
  @reactive() private accessor problem: unknown = null;
  @reactive() private accessor editing = false;
  private editForm = new FormController(this);
  private updateForm = new FormController(this);
  private cancelForm = new FormController(this);
  /** The update being written, for its preview. */
  @reactive() private accessor updateDraft = '';

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
      .message {
        white-space: pre-wrap;
        margin: 0.25rem 0 0;
      }
      .description {
        margin: 0 0 1rem;
      }
      .grid {
        display: grid;
        gap: 1rem;
        grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
        align-items: start;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.25rem 1rem;
        margin: 0 0 1rem;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
      }
      section + section {
        margin-top: 1rem;
      }
    `,
  ];

  constructor() {
    super();
    new LiveController(this, state, ({ type, payload }) => {
      const touched = (payload.maintenance as { id?: string } | undefined)?.id ?? payload.id;
      if (type === 'snapshot' || (type.startsWith('maintenance') && touched === this.params.id)) void this.load();
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
      const [maintenance, details, services] = await Promise.all([
        api.maintenances.get(org.id, this.params.id),
        api.organizations.get(org.id),
        api.services.list(org.id),
      ]);
      this.maintenance = maintenance;
      this.zone = details.time_zone;
      this.services = services.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
      this.problem = null;
    } catch (error) {
      this.problem = error;
    }
  }

  override render() {
    const back = html`<p><a href=${href('maintenances')}>← Maintenances</a></p>`;
    if (this.problem)
      return html`${back}
        <h1 tabindex="-1">Maintenance</h1>
        ${failed(this.problem, () => void this.load())}`;
    const m = this.maintenance;
    if (!m) return html`${back}${loading('the maintenance')}`;
    const canWrite = roleAtLeast(state.role ?? 'viewer', 'member');
    const open = nextStatuses[m.status].length > 0;
    const here = browserZone();
    const when = (iso: string) =>
      html`${formatInZone(iso, this.zone)}${here === this.zone ? nothing : html`<br /><span class="muted">${formatInZone(iso, here)} your time (${here})</span>`}`;
    const names = this.services.filter((s) => m.service_ids.includes(s.id)).map((s) => s.name);
    return html`${back}
      <div class="spread">
        <h1 tabindex="-1">${m.title}</h1>
        ${canWrite && open && !this.editing ? html`<button class="secondary" @click=${() => (this.editing = true)}>Edit</button>` : nothing}
      </div>
      <dl data-maintenance-state>
        <dt>State</dt>
        <dd>${maintenanceStatusLabel[m.status]}</dd>
        <dt>Starts</dt>
        <dd>${when(m.starts_at)}</dd>
        <dt>Ends</dt>
        <dd>${when(m.ends_at)}</dd>
        <dt>Services</dt>
        <dd>${names.length > 0 ? names.join(', ') : 'None listed'}</dd>
      </dl>
      ${m.description ? html`<p class="message description">${m.description}</p>` : nothing}
      ${this.editing ? this.renderEdit(m) : nothing}
      <div class="grid">
        <section class="card" aria-labelledby="timeline">
          <h2 id="timeline" style="margin-top: 0">Timeline</h2>
          ${
            m.updates.length === 0
              ? html`<p class="muted">No update yet.</p>`
              : html`<ol>
                  ${m.updates.map(
                    (u) =>
                      html`<li>
                        <strong>${maintenanceStatusLabel[u.status]}</strong>
                        <span class="muted">${formatInZone(u.created_at, this.zone)}</span>
                        <markdown-view class="message" .source=${u.message}></markdown-view>
                      </li>`,
                  )}
                </ol>`
          }
        </section>
        ${canWrite && open ? html`<div>${this.renderUpdate(m)}${this.renderCancel()}</div>` : nothing}
      </div>`;
  }

  private renderEdit(m: Maintenance) {
    const { busy, message, fields } = this.editForm;
    return html`<section class="card" style="margin-bottom: 1rem" aria-labelledby="edit">
      <div class="spread">
        <h2 id="edit" style="margin: 0">Edit</h2>
        <button class="secondary" @click=${() => (this.editing = false)}>Close</button>
      </div>
      <maintenance-form
        .maintenance=${m}
        .services=${this.services}
        zone=${this.zone}
        submitLabel="Save changes"
        ?busy=${busy}
        message=${message}
        .fields=${fields}
        @maintenance-submit=${this.save}
      ></maintenance-form>
    </section>`;
  }

  private renderUpdate(m: Maintenance) {
    const { busy, message, fields } = this.updateForm;
    return html`<section class="card" aria-labelledby="post">
      <h2 id="post" style="margin-top: 0">Post an update</h2>
      <form @submit=${this.postUpdate} novalidate>
        <label
          >State
          <select name="status">
            <option value="">Keep: ${maintenanceStatusLabel[m.status]}</option>
            ${nextStatuses[m.status]
              .filter((s) => s !== 'cancelled')
              .map((s) => html`<option value=${s}>${maintenanceStatusLabel[s]}</option>`)}
          </select>
        </label>
        ${markdownField({
          label: 'Message',
          name: 'message',
          id: 'update-message',
          value: this.updateDraft,
          required: true,
          error: fields.message,
          onInput: (value) => (this.updateDraft = value),
        })}
        ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
        <div><button type="submit" ?disabled=${busy}>Post update</button></div>
      </form>
    </section>`;
  }

  private renderCancel() {
    const { busy, message } = this.cancelForm;
    return html`<section class="card" aria-labelledby="cancel">
      <h2 id="cancel" style="margin-top: 0">Cancel</h2>
      <form @submit=${this.cancel} novalidate>
        <label
          >Reason (optional)
          <textarea name="message"></textarea>
        </label>
        ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
        <div><button type="submit" class="secondary" ?disabled=${busy}>Cancel maintenance</button></div>
      </form>
    </section>`;
  }

  private async save(event: CustomEvent<CreateMaintenanceInput>) {
    const { message: _first, ...plan } = event.detail;
    const ok = await this.editForm.run(async () => {
      this.maintenance = await api.maintenances.update(state.org!.id, this.params.id!, plan);
    });
    if (ok) this.editing = false;
  }

  private async postUpdate(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const status = String(data.get('status') ?? '') as MaintenanceStatus | '';
    const body = { message: String(data.get('message') ?? ''), ...(status ? { status } : {}) };
    const ok = await this.updateForm.run(async () => {
      this.maintenance = await api.maintenances.postUpdate(state.org!.id, this.params.id!, body);
    });
    if (ok) {
      form.reset();
      this.updateDraft = '';
    }
  }

  private async cancel(event: SubmitEvent) {
    event.preventDefault();
    const message = String(new FormData(event.target as HTMLFormElement).get('message') ?? '').trim();
    if (!confirm('Cancel this maintenance? Its services stop being held under maintenance.')) return;
    await this.cancelForm.run(async () => {
      this.maintenance = await api.maintenances.update(state.org!.id, this.params.id!, {
        status: 'cancelled',
        ...(message ? { message } : {}),
      });
    });
  }
}

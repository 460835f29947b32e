import { LitElement, css, html, nothing } from 'lit';
import { customElement, state as reactive } from 'lit/decorators.js';
import { roleAtLeast } from '../../api/src/contract/roles.ts';
import { api, state } from './app-context.ts';
import type { Service, ServiceGroup } from './api-types.ts';
import type { LiveEvent } from './app-state.ts';
import { serviceStatusLabel } from './labels.ts';
import { baseStyles } from './styles.ts';
import { empty, failed, loading } from './components/page-state.ts';
import { LiveController } from './components/live-controller.ts';
import { FormController } from './components/form-controller.ts';
import { field, formValues } from './components/form-field.ts';
import type { StatusChangeDetail } from './components/status-change.ts';
import './components/status-pill.ts';
import './components/status-change.ts';

const byPosition = (a: { position: number; name: string }, b: { position: number; name: string }) =>
  a.position - b.position || a.name.localeCompare(b.name);

/**
 * /admin/services: the org's services grouped in display order, each with its shown status; members
 * and admins change a status in two clicks. When an incident or maintenance holds a service worse
 * than its manual status, the row says so. Live: rows follow the org stream.
 */
@customElement('services-page')
export class ServicesPage extends LitElement {
  @reactive() private accessor services: Service[] | null = null;
  @reactive() private accessor groups: ServiceGroup[] = [];
  @reactive() private accessor problem: unknown = null;
  @reactive() private accessor pending: Record<string, { busy: boolean; error: string }> = {};
  private readonly addForm = new FormController(this);

  static override styles = [
    baseStyles,
    css`
      li.service {
        display: grid;
        grid-template-columns: minmax(10rem, 1fr) auto;
        gap: 0.5rem 1rem;
        padding: 0.75rem 0;
        border-top: 1px solid var(--border);
      }
      li.service:first-child {
        border-top: 0;
      }
      .name {
        font-weight: 600;
      }
      .held {
        grid-column: 1 / -1;
        margin: 0;
        font-size: 0.9rem;
      }
      status-change {
        grid-column: 1 / -1;
      }
      .add {
        margin-top: 1.5rem;
      }
      .add form {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
      }
      .add label {
        flex: 1 1 14rem;
      }
      @media (max-width: 30rem) {
        li.service {
          grid-template-columns: 1fr;
        }
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
    if (!org) return;
    this.problem = null;
    try {
      const [services, groups] = await Promise.all([api.services.list(org.id), api.groups.list(org.id)]);
      this.services = services;
      this.groups = groups;
    } catch (error) {
      this.problem = error;
    }
  }

  private onLive({ type, payload }: LiveEvent) {
    const service = payload.service as Service | undefined;
    if (type === 'snapshot' || type.startsWith('service_group.')) return void this.load();
    if (!type.startsWith('service.') || !this.services) return;
    if (type === 'service.deleted') {
      this.services = this.services.filter((s) => s.id !== payload.id);
    } else if (service) {
      const others = this.services.filter((s) => s.id !== service.id);
      this.services = [...others, service];
    }
  }

  override render() {
    const role = state.role ?? 'viewer';
    return html`<div class="spread">
        <h1 tabindex="-1">Services</h1>
        ${role === 'viewer' ? html`<span class="muted">You can view; ask an admin for a member role to make changes.</span>` : nothing}
      </div>
      ${
        this.problem
          ? failed(this.problem, () => void this.load())
          : this.services === null
            ? loading('services')
            : this.services.length === 0
              ? empty(
                  roleAtLeast(role, 'admin')
                    ? 'No services yet. Add the first one below.'
                    : 'No services yet. An admin adds them.',
                )
              : this.renderGroups(roleAtLeast(role, 'member'))
      }
      ${roleAtLeast(role, 'admin') && this.services !== null ? this.renderAdd() : nothing}`;
  }

  private renderGroups(canChange: boolean) {
    const services = [...(this.services ?? [])].sort(byPosition);
    const ungrouped = services.filter((s) => !s.group_id || !this.groups.some((g) => g.id === s.group_id));
    const sections = [
      ...(ungrouped.length > 0
        ? [{ id: 'none', name: this.groups.length > 0 ? 'Other services' : '', items: ungrouped }]
        : []),
      ...[...this.groups]
        .sort(byPosition)
        .map((group) => ({ id: group.id, name: group.name, items: services.filter((s) => s.group_id === group.id) }))
        .filter((section) => section.items.length > 0),
    ];
    return sections.map(
      (section) =>
        html`<section class="card" style="margin-bottom: 1rem" aria-label=${section.name || 'Services'}>
          ${section.name ? html`<h2 style="margin-top: 0">${section.name}</h2>` : nothing}
          <ul class="plain">
            ${section.items.map((service) => this.renderService(service, canChange))}
          </ul>
        </section>`,
    );
  }

  private renderService(service: Service, canChange: boolean) {
    const pending = this.pending[service.id];
    return html`<li class="service" data-service-id=${service.id}>
      <span class="name"
        >${service.name}${service.is_public ? nothing : html` <span class="muted">(private)</span>`}</span
      >
      <status-pill status=${service.status}></status-pill>
      ${
        service.status !== service.manual_status
          ? html`<p class="held muted">
              Shown as ${serviceStatusLabel[service.status]} because an incident, alert or maintenance holds it; the
              manual status is ${serviceStatusLabel[service.manual_status]}.
            </p>`
          : nothing
      }
      ${
        canChange
          ? html`<status-change
              .service=${service}
              ?busy=${pending?.busy ?? false}
              error=${pending?.error ?? ''}
              @status-change=${(event: CustomEvent<StatusChangeDetail>) => this.setStatus(service, event.detail)}
            ></status-change>`
          : nothing
      }
    </li>`;
  }

  private async setStatus(service: Service, { status, message }: StatusChangeDetail) {
    const org = state.org;
    if (!org) return;
    this.pending = { ...this.pending, [service.id]: { busy: true, error: '' } };
    try {
      const updated = await api.services.setStatus(org.id, service.id, { status, ...(message ? { message } : {}) });
      this.services = [...(this.services ?? []).filter((s) => s.id !== updated.id), updated];
      this.pending = { ...this.pending, [service.id]: { busy: false, error: '' } };
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.pending = { ...this.pending, [service.id]: { busy: false, error: text } };
    }
  }

  private renderAdd() {
    const { busy, message, fields } = this.addForm;
    return html`<section class="card add" aria-labelledby="add-title">
      <h2 id="add-title" style="margin-top: 0">Add a service</h2>
      <form @submit=${this.add} novalidate class="row">
        ${field({ label: 'Name', name: 'name', error: fields.name })}
        <button type="submit" ?disabled=${busy}>Add service</button>
      </form>
      ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
    </section>`;
  }

  private async add(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const { name = '' } = formValues(form);
    const org = state.org;
    if (!org) return;
    const ok = await this.addForm.run(async () => {
      const created = await api.services.create(org.id, { name });
      this.services = [...(this.services ?? []).filter((s) => s.id !== created.id), created];
    });
    if (ok) form.reset();
  }
}

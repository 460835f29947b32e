import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state as reactive } from 'lit/decorators.js';
import { roleAtLeast } from '../../api/src/contract/roles.ts';
import { api, state } from './app-context.ts';
import type { Service, ServiceGroup } from './api-types.ts';
import type { LiveEvent } from './app-state.ts';
import { serviceStatusLabel } from './labels.ts';
import { href } from './router.ts';
import { baseStyles } from './styles.ts';
import { empty, failed, loading } from './components/page-state.ts';
import { LiveController } from './components/live-controller.ts';
import { FormController } from './components/form-controller.ts';
import { field, formValues } from './components/form-field.ts';
import { serviceFields } from './components/service-fields.ts';
import { groupSections, type Section } from './service-sections.ts';
import type { StatusChangeDetail } from './components/status-change.ts';
import type { ConfirmDialog } from './components/confirm-dialog.ts';
import type { ReorderDetail } from './components/reorder-list.ts';
import './components/status-pill.ts';
import './components/status-change.ts';
import './components/confirm-dialog.ts';
import './components/reorder-list.ts';

/**
 * /admin/services: the org's services grouped in display order, each with its shown status and a link
 * to its history and uptime; members and admins change a status in two clicks. When an incident or
 * maintenance holds a service worse than its manual status, the row says so. Admins add services,
 * manage groups and put both in order (drag, or the keyboard), saved through `PUT /service-order`.
 * Live: rows follow the org stream.
 */
@customElement('services-page')
export class ServicesPage extends LitElement {
  @reactive() private accessor services: Service[] | null = null;
  @reactive() private accessor groups: ServiceGroup[] = [];
  @reactive() private accessor problem: unknown = null;
  @reactive() private accessor pending: Record<string, { busy: boolean; error: string }> = {};
  @reactive() private accessor arranging = false;
  @reactive() private accessor orderError = '';
  @reactive() private accessor renaming: string | null = null;
  @query('confirm-dialog') private accessor confirmDialog!: ConfirmDialog;
  private readonly addForm = new FormController(this);
  private readonly groupForm = new FormController(this);
  private readonly renameForm = new FormController(this);
  private readonly groupDelete = new FormController(this);

  static override styles = [
    baseStyles,
    css`
      section.card {
        margin-bottom: 1rem;
      }
      section.card h2 {
        margin: 0;
      }
      .group-head {
        margin-bottom: 0.5rem;
      }
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
      .forms {
        display: grid;
        gap: 1rem;
        grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
        align-items: start;
        margin-top: 1.5rem;
      }
      .forms h2 {
        margin: 0 0 0.75rem;
      }
      .rename {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
      }
      .rename label {
        flex: 1 1 12rem;
      }
      .group-actions button {
        min-height: 2.25rem;
        padding: 0.3rem 0.7rem;
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
    if (type === 'snapshot') return void this.load();
    if (type.startsWith('service_group.')) {
      const group = payload.service_group as ServiceGroup | undefined;
      if (type === 'service_group.deleted') this.groups = this.groups.filter((g) => g.id !== payload.id);
      else if (group) this.groups = [...this.groups.filter((g) => g.id !== group.id), group];
      else void this.load();
      return;
    }
    if (!type.startsWith('service.') || !this.services) return;
    const service = payload.service as Service | undefined;
    if (type === 'service.deleted') {
      this.services = this.services.filter((s) => s.id !== payload.id);
    } else if (service) {
      this.services = [...this.services.filter((s) => s.id !== service.id), service];
    }
  }

  override render() {
    const role = state.role ?? 'viewer';
    const admin = roleAtLeast(role, 'admin');
    const sections = groupSections(this.services ?? [], this.groups, { withEmptyGroups: admin });
    return html`<div class="spread">
        <h1 tabindex="-1">Services</h1>
        ${
          role === 'viewer'
            ? html`<span class="muted">You can view; ask an admin for a member role to make changes.</span>`
            : nothing
        }
        ${
          admin && (this.services?.length ?? 0) + this.groups.length > 1
            ? html`<button
                class="secondary"
                aria-pressed=${this.arranging ? 'true' : 'false'}
                @click=${() => {
                  this.arranging = !this.arranging;
                  this.orderError = '';
                }}
              >
                ${this.arranging ? 'Done reordering' : 'Reorder'}
              </button>`
            : nothing
        }
      </div>
      ${this.orderError ? html`<p class="error" role="alert">${this.orderError}</p>` : nothing}
      ${
        this.problem
          ? failed(this.problem, () => void this.load())
          : this.services === null
            ? loading('services')
            : sections.length === 0
              ? empty(admin ? 'No services yet. Add the first one below.' : 'No services yet. An admin adds them.')
              : this.arranging
                ? this.renderArrange(sections)
                : sections.map((section) => this.renderSection(section, roleAtLeast(role, 'member'), admin))
      }
      ${admin && this.services !== null && !this.arranging ? this.renderForms() : nothing}
      <confirm-dialog></confirm-dialog>`;
  }

  private renderSection(section: Section, canChange: boolean, admin: boolean) {
    const group = section.group;
    const title = group?.name ?? (this.groups.length > 0 ? 'Other services' : '');
    const head =
      group && this.renaming === group.id
        ? this.renderRename(group)
        : html`<div class="spread group-head">
            ${title ? html`<h2>${title}</h2>` : nothing}
            ${
              admin && group
                ? html`<div class="row group-actions">
                    <button
                      class="secondary"
                      @click=${() => (this.renaming = group.id)}
                      aria-label="Rename group ${group.name}"
                    >
                      Rename
                    </button>
                    <button
                      class="secondary"
                      @click=${() => this.deleteGroup(group)}
                      aria-label="Delete group ${group.name}"
                    >
                      Delete
                    </button>
                  </div>`
                : nothing
            }
          </div>`;
    return html`<section class="card" aria-label=${title || 'Services'} data-group=${group?.id ?? 'none'}>
      ${head}
      ${
        section.services.length === 0
          ? html`<p class="muted">No services in this group yet; pick it when adding or editing one.</p>`
          : html`<ul class="plain">
              ${section.services.map((service) => this.renderService(service, canChange))}
            </ul>`
      }
    </section>`;
  }

  private renderRename(group: ServiceGroup) {
    const { busy, message, fields } = this.renameForm;
    return html`<form
        class="rename group-head"
        @submit=${(event: SubmitEvent) => this.renameGroup(event, group)}
        novalidate
      >
        ${field({ label: `New name of ${group.name}`, name: 'name', id: 'rename-name', value: group.name, error: fields.name })}
        <button type="submit" ?disabled=${busy}>Save name</button>
        <button type="button" class="secondary" @click=${() => (this.renaming = null)}>Cancel</button>
      </form>
      ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}`;
  }

  private renderService(service: Service, canChange: boolean) {
    const pending = this.pending[service.id];
    return html`<li class="service" data-service-id=${service.id}>
      <span class="name"
        ><a href=${href(`services/${service.id}`)}>${service.name}</a
        >${service.is_public ? nothing : html` <span class="muted">(private)</span>`}</span
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

  /** The order editor: the groups, then each section's services, every list movable by drag or keys. */
  private renderArrange(sections: Section[]) {
    const groups = sections.filter((s) => s.group).map((s) => s.group!);
    return html`${
      groups.length > 1
        ? html`<section class="card" aria-labelledby="group-order">
            <h2 id="group-order">Order of groups</h2>
            <reorder-list
              label="Groups"
              .items=${groups.map((g) => ({ id: g.id, label: g.name }))}
              @reorder=${(event: CustomEvent<ReorderDetail>) => this.saveOrder({ groups: event.detail.ids })}
            ></reorder-list>
          </section>`
        : nothing
    }
    ${sections
      .filter((section) => section.services.length > 1)
      .map((section) => {
        const name = section.group?.name ?? (this.groups.length > 0 ? 'Other services' : 'Services');
        return html`<section class="card" aria-label="Order of ${name}">
          <h2>${name}</h2>
          <reorder-list
            label="Services of ${name}"
            .items=${section.services.map((s) => ({ id: s.id, label: s.name }))}
            @reorder=${(event: CustomEvent<ReorderDetail>) =>
              this.saveOrder({ services: event.detail.ids, groupId: section.group?.id ?? null })}
          ></reorder-list>
        </section>`;
      })}`;
  }

  private async saveOrder(change: { groups: string[] } | { services: string[]; groupId: string | null }) {
    const org = state.org;
    if (!org) return;
    this.orderError = '';
    try {
      const order = await api.serviceOrder.put(
        org.id,
        'groups' in change
          ? { groups: change.groups.map((id, position) => ({ id, position })) }
          : { services: change.services.map((id, position) => ({ id, group_id: change.groupId, position })) },
      );
      this.groups = order.groups;
      this.services = order.services;
    } catch (error) {
      this.orderError = `The new order was not saved: ${error instanceof Error ? error.message : String(error)}`;
      void this.load();
    }
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

  private renderForms() {
    const add = this.addForm;
    const group = this.groupForm;
    return html`<div class="forms">
      <section class="card" aria-labelledby="add-title">
        <h2 id="add-title">Add a service</h2>
        <form @submit=${this.add} novalidate>
          ${serviceFields({ groups: [...this.groups].sort(byPosition), errors: add.fields, idPrefix: 'add-' })}
          <div><button type="submit" ?disabled=${add.busy}>Add service</button></div>
        </form>
        ${add.message ? html`<p class="error" role="alert">${add.message}</p>` : nothing}
      </section>
      <section class="card" aria-labelledby="group-title">
        <h2 id="group-title">Add a group</h2>
        <form @submit=${this.addGroup} novalidate>
          ${field({ label: 'Group name', name: 'name', id: 'group-name', error: group.fields.name })}
          <div><button type="submit" ?disabled=${group.busy}>Add group</button></div>
        </form>
        ${group.message ? html`<p class="error" role="alert">${group.message}</p>` : nothing}
        ${this.groupDelete.message ? html`<p class="error" role="alert">${this.groupDelete.message}</p>` : nothing}
      </section>
    </div>`;
  }

  private async add(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const { name = '', description = '', group_id = '' } = formValues(form);
    const org = state.org;
    if (!org) return;
    const ok = await this.addForm.run(async () => {
      const created = await api.services.create(org.id, { name, description, group_id: group_id || null });
      this.services = [...(this.services ?? []).filter((s) => s.id !== created.id), created];
    });
    if (ok) form.reset();
  }

  private async addGroup(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const { name = '' } = formValues(form);
    const org = state.org;
    if (!org) return;
    const ok = await this.groupForm.run(async () => {
      const created = await api.groups.create(org.id, { name });
      this.groups = [...this.groups.filter((g) => g.id !== created.id), created];
    });
    if (ok) form.reset();
  }

  private async renameGroup(event: SubmitEvent, group: ServiceGroup) {
    event.preventDefault();
    const { name = '' } = formValues(event.target as HTMLFormElement);
    const org = state.org;
    if (!org) return;
    const ok = await this.renameForm.run(async () => {
      const updated = await api.groups.update(org.id, group.id, { name });
      this.groups = [...this.groups.filter((g) => g.id !== updated.id), updated];
    });
    if (ok) this.renaming = null;
  }

  private async deleteGroup(group: ServiceGroup) {
    const org = state.org;
    if (!org) return;
    const count = (this.services ?? []).filter((s) => s.group_id === group.id).length;
    const ok = await this.confirmDialog.ask({
      message: `Delete the group ${group.name}?${count > 0 ? ` Its ${count} service${count === 1 ? '' : 's'} stay, without a group.` : ''}`,
      confirmLabel: `Delete ${group.name}`,
    });
    if (!ok) return;
    await this.groupDelete.run(async () => {
      await api.groups.delete(org.id, group.id);
      this.groups = this.groups.filter((g) => g.id !== group.id);
      this.services = (this.services ?? []).map((s) => (s.group_id === group.id ? { ...s, group_id: null } : s));
    });
  }
}

const byPosition = (a: { position: number; name: string }, b: { position: number; name: string }) =>
  a.position - b.position || a.name.localeCompare(b.name);

declare global {
  interface HTMLElementTagNameMap {
    'services-page': ServicesPage;
  }
}

import { LitElement, html, nothing } from 'lit';
import { customElement, state as reactive } from 'lit/decorators.js';
import { api, state } from './app-context.ts';
import type { CreateMaintenanceInput, Service, Template } from './api-types.ts';
import { href, navigate } from './router.ts';
import { baseStyles } from './styles.ts';
import { failed, loading } from './components/page-state.ts';
import { FormController } from './components/form-controller.ts';
import './components/maintenance-form.ts';

/**
 * /admin/maintenances/new: schedules a window on the org's clock. With `?template=<id>` the form
 * starts filled from that template (its length sets the end), still editable.
 */
@customElement('new-maintenance-page')
export class NewMaintenancePage extends LitElement {
  query?: URLSearchParams;
  @reactive() private accessor template: Template | null = null;
  @reactive() private accessor services: Service[] | null = null;
  @reactive() private accessor zone = '';
  @reactive() private accessor problem: unknown = null;
  private form = new FormController(this);

  static override styles = [baseStyles];

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
      const [details, services, template] = await Promise.all([
        api.organizations.get(org.id),
        api.services.list(org.id),
        templateId ? api.templates.get(org.id, templateId) : Promise.resolve(null),
      ]);
      this.template = template;
      this.zone = details.time_zone;
      this.services = services.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
    } catch (error) {
      this.problem = error;
    }
  }

  override render() {
    const { busy, message, fields } = this.form;
    return html`<p><a href=${href('maintenances')}>← Maintenances</a></p>
      <section class="card">
        <h1 tabindex="-1">Schedule maintenance</h1>
        ${this.template ? html`<p class="muted">From the template ${this.template.name}: check it, then schedule it.</p>` : nothing}
        ${
          this.problem
            ? failed(this.problem, () => void this.load())
            : this.services === null
              ? loading('services')
              : html`<maintenance-form
                  .services=${this.services}
                  .draft=${this.template}
                  zone=${this.zone}
                  ?busy=${busy}
                  message=${message}
                  .fields=${fields}
                  @maintenance-submit=${this.submit}
                ></maintenance-form>`
        }
      </section>`;
  }

  private async submit(event: CustomEvent<CreateMaintenanceInput>) {
    const org = state.org;
    if (!org) return;
    await this.form.run(async () => {
      const created = await api.maintenances.create(org.id, event.detail);
      navigate(`maintenances/${created.id}`);
    });
  }
}

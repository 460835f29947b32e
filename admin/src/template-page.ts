import { LitElement, css, html, nothing } from 'lit';
import { customElement, state as reactive } from 'lit/decorators.js';
import { holdStatuses, incidentImpacts } from '../../api/src/contract/status.ts';
import { roleAtLeast } from '../../api/src/contract/roles.ts';
import { api, state } from './app-context.ts';
import type { HoldStatus, IncidentImpact, Service, Template, TemplateKind } from './api-types.ts';
import { impactLabel, serviceStatusLabel } from './labels.ts';
import { href, navigate } from './router.ts';
import { baseStyles } from './styles.ts';
import { failed, loading } from './components/page-state.ts';
import { FormController } from './components/form-controller.ts';
import { field } from './components/form-field.ts';

/**
 * /admin/templates/new?kind=… and /admin/templates/:id: a template's name, title, first update, and
 * for an incident its impact and the status each affected service shows; for a maintenance its usual
 * length. The kind is chosen once, at creation.
 */
@customElement('template-page')
export class TemplatePage extends LitElement {
  params?: Record<string, string>;
  query?: URLSearchParams;
  @reactive() private accessor template: Template | null = null;
  @reactive() private accessor services: Service[] | null = null;
  @reactive() private accessor problem: unknown = null;
  /** Affected service id → the status an incident holds it at (`null` for a maintenance). */
  @reactive() private accessor affected: Record<string, HoldStatus | null> = {};
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
      .service input,
      .service select {
        width: auto;
      }
      /* Wraps the whole form so a viewer's copy is read-only; not a visible group. */
      fieldset.fields {
        border: 0;
        padding: 0;
        display: grid;
        gap: 0.9rem;
        min-width: 0;
      }
    `,
  ];

  private get kind(): TemplateKind {
    if (this.template) return this.template.kind;
    return this.query?.get('kind') === 'maintenance' ? 'maintenance' : 'incident';
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
      const id = this.params?.id;
      const [services, template] = await Promise.all([
        api.services.list(org.id),
        id ? api.templates.get(org.id, id) : Promise.resolve(null),
      ]);
      this.template = template;
      this.affected = Object.fromEntries((template?.services ?? []).map((s) => [s.service_id, s.status]));
      this.services = services.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
    } catch (error) {
      this.problem = error;
    }
  }

  override render() {
    const back = html`<p><a href=${href('templates')}>← Templates</a></p>`;
    if (this.problem) return html`${back}${failed(this.problem, () => void this.load())}`;
    if (this.services === null) return html`${back}${loading('the template')}`;
    const t = this.template;
    const kind = this.kind;
    const canWrite = roleAtLeast(state.role ?? 'viewer', 'member');
    const { busy, message, fields } = this.form;
    return html`${back}
      <section class="card">
        <h1 tabindex="-1">${t ? `Template: ${t.name}` : `New ${kind} template`}</h1>
        <form @submit=${this.submit} novalidate>
          <fieldset class="fields" ?disabled=${!canWrite}>
            ${field({ label: 'Template name', name: 'name', value: t?.name ?? '', error: fields.name, hint: 'How you find it in lists' })}
            ${field({ label: `${kind === 'incident' ? 'Incident' : 'Maintenance'} title`, name: 'title', value: t?.title ?? '', error: fields.title })}
            ${
              kind === 'incident'
                ? html`<label
                    >Impact
                    <select name="impact">
                      ${incidentImpacts.map((i) => html`<option value=${i} ?selected=${i === (t?.impact ?? 'minor')}>${impactLabel[i]}</option>`)}
                    </select>
                  </label>`
                : html`<label
                    >Usual length in minutes (optional)
                    <input
                      name="duration_minutes"
                      type="number"
                      min="1"
                      max="43200"
                      .value=${t?.duration_minutes ? String(t.duration_minutes) : ''}
                      aria-invalid=${fields.duration_minutes ? 'true' : 'false'}
                    />
                    ${fields.duration_minutes ? html`<span class="field-error">${fields.duration_minutes}</span>` : nothing}
                  </label>`
            }
            <fieldset>
              <legend>Affected services</legend>
              ${this.services.length === 0 ? html`<p class="muted">This organization has no services yet.</p>` : this.services.map((s) => this.renderService(s, kind))}
              ${fields.services ? html`<p class="field-error">${fields.services}</p>` : nothing}
            </fieldset>
            <label>
              First update
              <textarea
                name="message"
                .value=${t?.message ?? ''}
                aria-invalid=${fields.message ? 'true' : 'false'}
              ></textarea>
              ${fields.message ? html`<span class="field-error">${fields.message}</span>` : nothing}
            </label>
          </fieldset>
          ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
          ${canWrite ? html`<div><button type="submit" ?disabled=${busy}>${busy ? 'Saving…' : t ? 'Save template' : 'Create template'}</button></div>` : nothing}
        </form>
      </section>`;
  }

  private renderService(service: Service, kind: TemplateKind) {
    const on = service.id in this.affected;
    const held = this.affected[service.id];
    return html`<div class="service">
      <label>
        <input
          type="checkbox"
          .checked=${on}
          @change=${(event: Event) => this.toggle(service.id, (event.target as HTMLInputElement).checked, kind)}
        />
        ${service.name}
      </label>
      ${
        on && kind === 'incident'
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

  private toggle(serviceId: string, on: boolean, kind: TemplateKind) {
    const next = { ...this.affected };
    if (on) next[serviceId] = kind === 'incident' ? 'partial_outage' : null;
    else delete next[serviceId];
    this.affected = next;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const org = state.org;
    if (!org) return;
    const data = new FormData(event.target as HTMLFormElement);
    const kind = this.kind;
    const duration = String(data.get('duration_minutes') ?? '').trim();
    const common = {
      name: String(data.get('name') ?? ''),
      title: String(data.get('title') ?? ''),
      message: String(data.get('message') ?? ''),
      services: Object.entries(this.affected).map(([service_id, status]) =>
        status ? { service_id, status } : { service_id },
      ),
      ...(kind === 'incident'
        ? { impact: data.get('impact') as IncidentImpact }
        : { duration_minutes: duration ? Number(duration) : null }),
    };
    const current = this.template;
    const saved = await this.form.run(() =>
      current ? api.templates.update(org.id, current.id, common) : api.templates.create(org.id, { kind, ...common }),
    );
    if (saved) navigate('templates');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'template-page': TemplatePage;
  }
}

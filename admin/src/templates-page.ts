import { LitElement, css, html, nothing } from 'lit';
import { customElement, state as reactive } from 'lit/decorators.js';
import { roleAtLeast } from '../../api/src/contract/roles.ts';
import { api, state } from './app-context.ts';
import type { Template, TemplateKind } from './api-types.ts';
import { impactLabel } from './labels.ts';
import { href } from './router.ts';
import { baseStyles } from './styles.ts';
import { empty, failed, loading } from './components/page-state.ts';
import { LiveController } from './components/live-controller.ts';
import { templateUseHref } from './components/template-links.ts';

const sections: [kind: TemplateKind, heading: string, none: string][] = [
  ['incident', 'Incident templates', 'No incident template yet.'],
  ['maintenance', 'Maintenance templates', 'No maintenance template yet.'],
];

/**
 * /admin/templates: the org's incident and maintenance templates. Members use one (a new incident or
 * maintenance, filled from it, to check before creating), edit and delete them; viewers read.
 */
@customElement('templates-page')
export class TemplatesPage extends LitElement {
  @reactive() private accessor templates: Template[] | null = null;
  @reactive() private accessor problem: unknown = null;
  @reactive() private accessor deleteProblem = '';

  static override styles = [
    baseStyles,
    css`
      li {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        justify-content: space-between;
        padding: 0.75rem 0;
        border-top: 1px solid var(--border);
      }
      li:first-child {
        border-top: 0;
      }
      .name {
        font-weight: 600;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        align-items: center;
      }
    `,
  ];

  constructor() {
    super();
    new LiveController(this, state, ({ type }) => {
      if (type === 'snapshot' || type.startsWith('template.') || type.startsWith('service.')) void this.load();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const org = state.org;
    if (!org) return;
    try {
      this.templates = await api.templates.list(org.id);
      this.problem = null;
    } catch (problem) {
      this.problem = problem;
    }
  }

  override render() {
    const canWrite = roleAtLeast(state.role ?? 'viewer', 'member');
    return html`<h1 tabindex="-1">Templates</h1>
      <p class="muted">
        The incidents and maintenances you open often: title, first update, impact and affected services, ready to check
        and send in one click.
      </p>
      ${this.deleteProblem ? html`<p class="error" role="alert">${this.deleteProblem}</p>` : nothing}
      ${sections.map(
        ([kind, heading, none]) =>
          html`<div class="spread">
              <h2>${heading}</h2>
              ${
                canWrite
                  ? html`<a class="button secondary" href=${href(`templates/new?kind=${kind}`)}
                      >New ${kind} template</a
                    >`
                  : nothing
              }
            </div>
            ${this.renderList(kind, none, canWrite)}`,
      )}`;
  }

  private renderList(kind: TemplateKind, none: string, canWrite: boolean) {
    if (this.problem) return failed(this.problem, () => void this.load());
    if (!this.templates) return loading('templates');
    const items = this.templates.filter((t) => t.kind === kind);
    if (items.length === 0) return empty(none);
    return html`<div class="card">
      <ul class="plain">
        ${items.map(
          (t) =>
            html`<li data-template-id=${t.id}>
              <div>
                <div class="name">${t.name}</div>
                <div class="muted">${describe(t)}</div>
              </div>
              ${
                canWrite
                  ? html`<div class="actions">
                      <a class="button" href=${templateUseHref(t)}>New ${kind} from template</a>
                      <a class="button secondary" href=${href(`templates/${t.id}`)} aria-label="Edit ${t.name}">Edit</a>
                      <button
                        class="secondary"
                        @click=${() => void this.deleteTemplate(t)}
                        aria-label="Delete ${t.name}"
                      >
                        Delete
                      </button>
                    </div>`
                  : nothing
              }
            </li>`,
        )}
      </ul>
    </div>`;
  }

  private async deleteTemplate(template: Template) {
    const org = state.org;
    if (!org || !confirm(`Delete the template ${template.name}? Nothing opened from it changes.`)) return;
    this.deleteProblem = '';
    try {
      await api.templates.delete(org.id, template.id);
      await this.load();
    } catch (error) {
      this.deleteProblem = error instanceof Error ? error.message : String(error);
    }
  }
}

/** One line under a template's name: its title, impact or length, and how many services. */
function describe(t: Template): string {
  const parts = [`“${t.title}”`];
  if (t.impact) parts.push(`${impactLabel[t.impact]} impact`);
  if (t.duration_minutes) parts.push(`${t.duration_minutes} min`);
  parts.push(t.services.length === 1 ? '1 service' : `${t.services.length} services`);
  return parts.join(' · ');
}

declare global {
  interface HTMLElementTagNameMap {
    'templates-page': TemplatesPage;
  }
}

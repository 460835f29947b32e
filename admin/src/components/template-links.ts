import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state as reactive } from 'lit/decorators.js';
import { api, state } from '../app-context.ts';
import type { Template, TemplateKind } from '../api-types.ts';
import { href } from '../router.ts';
import { baseStyles } from '../styles.ts';

/** Where using a template leads: the new-incident or new-maintenance form, filled from it. */
export function templateUseHref(template: Pick<Template, 'id' | 'kind'>): string {
  return href(
    `${template.kind === 'incident' ? 'incidents' : 'maintenances'}/new?template=${encodeURIComponent(template.id)}`,
  );
}

/**
 * "From a template": one link per template of `kind`, each opening the new form filled from it, so
 * a usual incident is one click away from the list. Shows nothing when the org has none, or when the
 * templates cannot be read (the page's own New button still works).
 */
@customElement('template-links')
export class TemplateLinks extends LitElement {
  @property() accessor kind: TemplateKind = 'incident';
  @reactive() private accessor templates: Template[] = [];

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    const org = state.org;
    if (org)
      void api.templates.list(org.id, this.kind).then(
        (templates) => (this.templates = templates),
        () => {},
      );
  }

  override render() {
    if (this.templates.length === 0) return nothing;
    return html`<nav aria-label="New ${this.kind} from a template">
      <ul class="plain">
        <li class="muted">From a template:</li>
        ${this.templates.map(
          (t) => html`<li><a class="button secondary" href=${templateUseHref(t)}>${t.name}</a></li>`,
        )}
      </ul>
    </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'template-links': TemplateLinks;
  }
}

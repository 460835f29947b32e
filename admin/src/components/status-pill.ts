import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ServiceStatus } from '../api-types.ts';
import { serviceStatusLabel } from '../labels.ts';

/**
 * A service status as a coloured dot and its words (colour is never the only signal).
 * @cssprop --ok, --minor, --partial, --major, --maint - the status colours
 */
@customElement('status-pill')
export class StatusPill extends LitElement {
  /** The status shown. */
  @property({ reflect: true }) accessor status: ServiceStatus = 'operational';

  static override styles = css`
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      white-space: nowrap;
    }
    span.dot {
      width: 0.7rem;
      height: 0.7rem;
      border-radius: 50%;
      background: var(--ok);
      flex: none;
    }
    :host([status='degraded_performance']) .dot {
      background: var(--minor);
    }
    :host([status='partial_outage']) .dot {
      background: var(--partial);
    }
    :host([status='major_outage']) .dot {
      background: var(--major);
    }
    :host([status='under_maintenance']) .dot {
      background: var(--maint);
    }
  `;

  override render() {
    return html`<span class="dot" aria-hidden="true"></span
      ><span data-status-text>${serviceStatusLabel[this.status]}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'status-pill': StatusPill;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state as reactive } from 'lit/decorators.js';
import { holdStatuses } from '../../../api/src/contract/status.ts';
import type { HoldStatus, Service } from '../api-types.ts';
import { serviceStatusLabel } from '../labels.ts';
import { baseStyles } from '../styles.ts';

export interface StatusChangeDetail {
  status: HoldStatus;
  message: string | undefined;
}

/**
 * Sets a service's manual status: pick a status, optionally add a message, Update (two clicks).
 * @fires status-change - CustomEvent<StatusChangeDetail>; the host calls the API and sets `busy`/`error`
 */
@customElement('status-change')
export class StatusChange extends LitElement {
  @property({ attribute: false }) accessor service: Service | null = null;
  @property({ type: Boolean }) accessor busy = false;
  @property() accessor error = '';
  @reactive() private accessor chosen: HoldStatus | null = null;

  static override styles = [
    baseStyles,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      select {
        width: auto;
      }
      input {
        flex: 1 1 12rem;
        width: auto;
      }
      .error {
        width: 100%;
        margin: 0;
        order: 4;
      }
      @media (max-width: 40rem) {
        /* Phone: status and its button on one line, the message under them. */
        select {
          /* May shrink below its longest option, so the button stays beside it. */
          flex: 1 1 8rem;
          min-width: 0;
        }
        button {
          order: 2;
        }
        input {
          order: 3;
          flex-basis: 100%;
        }
      }
    `,
  ];

  override render() {
    const service = this.service;
    if (!service) return nothing;
    const chosen = this.chosen ?? service.manual_status;
    return html`<form @submit=${this.submit}>
      <select
        name="status"
        aria-label="New status of ${service.name}"
        @change=${(event: Event) => (this.chosen = (event.target as HTMLSelectElement).value as HoldStatus)}
      >
        ${holdStatuses.map((status) => html`<option value=${status} ?selected=${status === chosen}>${serviceStatusLabel[status]}</option>`)}
      </select>
      <input
        name="message"
        aria-label="Message for ${service.name} (optional)"
        placeholder="Message (optional)"
        maxlength="5000"
      />
      <button type="submit" ?disabled=${this.busy || chosen === service.manual_status}>
        ${this.busy ? 'Updating…' : 'Update'}
      </button>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </form>`;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // A new state of the service (this tab's change or a live one) resets the picked status.
    if (changed.has('service')) this.chosen = null;
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('service')) this.renderRoot.querySelector('form')?.reset();
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const status = this.chosen ?? this.service!.manual_status;
    const message = (new FormData(form).get('message') as string).trim();
    this.dispatchEvent(
      new CustomEvent<StatusChangeDetail>('status-change', {
        detail: { status, message: message || undefined },
        bubbles: true,
        composed: true,
      }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'status-change': StatusChange;
  }
}

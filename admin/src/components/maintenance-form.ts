import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state as reactive } from 'lit/decorators.js';
import type { CreateMaintenanceInput, Maintenance, Service, Template } from '../api-types.ts';
import { baseStyles } from '../styles.ts';
import { browserZone, formatInZone, isoToZoned, zonedToIso } from '../time-zone.ts';
import { field } from './form-field.ts';

/**
 * The plan of a maintenance: title, description, window (typed on the org's clock, echoed on the
 * browser's), affected services and, when scheduling, a first message. Edits start from `maintenance`.
 * @fires maintenance-submit - CustomEvent<CreateMaintenanceInput>; the host calls the API and sets `busy`, `message`, `fields`
 */
@customElement('maintenance-form')
export class MaintenanceForm extends LitElement {
  @property({ attribute: false }) accessor maintenance: Maintenance | null = null;
  @property({ attribute: false }) accessor services: Service[] = [];
  /** A new one's starting values (a template): title, services, first message, and its length. */
  @property({ attribute: false }) accessor draft: Pick<
    Template,
    'title' | 'message' | 'duration_minutes' | 'services'
  > | null = null;
  /** The org's IANA zone: start and end are typed on its clock. */
  @property() accessor zone = 'UTC';
  @property() accessor submitLabel = 'Schedule maintenance';
  @property({ type: Boolean }) accessor busy = false;
  @property() accessor message = '';
  @property({ attribute: false }) accessor fields: Record<string, string> = {};
  @reactive() private accessor startsAt = '';
  @reactive() private accessor endsAt = '';
  @reactive() private accessor timeError = '';

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
      .services label {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        font-weight: 400;
        padding: 0.2rem 0;
      }
      .services input {
        width: auto;
      }
      .window {
        display: grid;
        gap: 0.9rem;
        grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
      }
    `,
  ];

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if ((changed.has('maintenance') || changed.has('zone')) && this.maintenance) {
      this.startsAt = isoToZoned(this.maintenance.starts_at, this.zone);
      this.endsAt = isoToZoned(this.maintenance.ends_at, this.zone);
    } else if (changed.has('zone') && !this.startsAt) {
      // A new one starts at the next full hour, for an hour.
      const next = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
      this.startsAt = isoToZoned(next.toISOString(), this.zone);
      const length = (this.draft?.duration_minutes ?? 60) * 60_000;
      this.endsAt = isoToZoned(new Date(next.getTime() + length).toISOString(), this.zone);
    }
  }

  override render() {
    const m = this.maintenance;
    const fields = this.fields;
    const draft = m ? null : this.draft;
    const ids = new Set(m?.service_ids ?? draft?.services.map((s) => s.service_id) ?? []);
    const here = browserZone();
    const echo = (local: string) => {
      const iso = zonedToIso(local, this.zone);
      if (!iso || here === this.zone) return nothing;
      return html`<span class="hint">Your time (${here}): ${formatInZone(iso, here)}</span>`;
    };
    return html`<form @submit=${this.submit} novalidate>
      ${field({ label: 'Title', name: 'title', value: m?.title ?? draft?.title ?? '', error: fields.title })}
      <label
        >Description (optional)
        <textarea name="description" .value=${m?.description ?? ''}></textarea>
      </label>
      <fieldset>
        <legend>Window, in the organization's time zone (${this.zone})</legend>
        <div class="window">
          <label
            >Starts
            <input
              type="datetime-local"
              name="starts_at"
              required
              .value=${this.startsAt}
              aria-invalid=${fields.starts_at ? 'true' : 'false'}
              @input=${(e: Event) => (this.startsAt = (e.target as HTMLInputElement).value)}
            />
            ${echo(this.startsAt)}
            ${fields.starts_at ? html`<span class="field-error">${fields.starts_at}</span>` : nothing}
          </label>
          <label
            >Ends
            <input
              type="datetime-local"
              name="ends_at"
              required
              .value=${this.endsAt}
              aria-invalid=${fields.ends_at || this.timeError ? 'true' : 'false'}
              @input=${(e: Event) => (this.endsAt = (e.target as HTMLInputElement).value)}
            />
            ${echo(this.endsAt)}
            ${fields.ends_at || this.timeError ? html`<span class="field-error">${fields.ends_at || this.timeError}</span>` : nothing}
          </label>
        </div>
      </fieldset>
      <fieldset class="services">
        <legend>Affected services</legend>
        ${
          this.services.length === 0
            ? html`<p class="muted">This organization has no services yet.</p>`
            : this.services.map(
                (s) =>
                  html`<label
                    ><input
                      type="checkbox"
                      name="service_ids"
                      value=${s.id}
                      ?checked=${ids.has(s.id)}
                    />${s.name}</label
                  >`,
              )
        }
      </fieldset>
      ${
        m
          ? nothing
          : html`<label
              >First update (optional)
              <textarea
                name="message"
                placeholder="What will happen, and what users will notice"
                .value=${draft?.message ?? ''}
              ></textarea>
            </label>`
      }
      ${this.message ? html`<p class="error" role="alert">${this.message}</p>` : nothing}
      <div><button type="submit" ?disabled=${this.busy}>${this.submitLabel}</button></div>
    </form>`;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const starts = zonedToIso(this.startsAt, this.zone);
    const ends = zonedToIso(this.endsAt, this.zone);
    this.timeError =
      !starts || !ends ? 'Give a start and an end' : ends <= starts ? 'The end must be after the start' : '';
    if (this.timeError) return;
    const message = String(data.get('message') ?? '').trim();
    const detail: CreateMaintenanceInput = {
      title: String(data.get('title') ?? ''),
      description: String(data.get('description') ?? '').trim(),
      starts_at: starts!,
      ends_at: ends!,
      service_ids: data.getAll('service_ids').map(String),
      ...(message ? { message } : {}),
    };
    this.dispatchEvent(new CustomEvent('maintenance-submit', { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'maintenance-form': MaintenanceForm;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state as reactive } from 'lit/decorators.js';
import { api } from '../app-context.ts';
import type { AlertmanagerSettings, AlertmanagerSettingsInput } from '../api-types.ts';
import { serviceStatusLabel } from '../labels.ts';
import { baseStyles } from '../styles.ts';
import { failed, loading } from './page-state.ts';
import { FormController } from './form-controller.ts';
import { field, formValues } from './form-field.ts';

const alertStatuses = ['degraded_performance', 'partial_outage', 'major_outage'] as const;
type AlertStatus = (typeof alertStatuses)[number];

/** `critical = major_outage` lines ↔ the severity map. */
const mapToText = (map: Record<string, string>) =>
  Object.entries(map)
    .map(([severity, status]) => `${severity} = ${status}`)
    .join('\n');
function textToMap(text: string): Record<string, AlertStatus> {
  const map: Record<string, AlertStatus> = {};
  for (const line of text.split('\n')) {
    const [severity, status] = line.split('=').map((part) => part.trim());
    if (severity && status) map[severity] = status as AlertStatus;
  }
  return map;
}

/** The Alertmanager receiver's settings of an org (admins): which labels it reads and what they mean. */
@customElement('alertmanager-settings-form')
export class AlertmanagerSettingsForm extends LitElement {
  @property() accessor orgId = '';
  @reactive() private accessor settings: AlertmanagerSettings | null = null;
  @reactive() private accessor problem: unknown = null;
  @reactive() private accessor saved = false;
  private form = new FormController(this);

  static override styles = [
    baseStyles,
    css`
      .grid {
        display: grid;
        gap: 0.9rem;
        grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
        align-items: start;
      }
      label.check {
        display: flex;
        gap: 0.5rem;
        align-items: center;
      }
      label.check input {
        width: auto;
      }
      textarea {
        font-family: ui-monospace, monospace;
        min-height: 7rem;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.settings = await api.alertmanager.get(this.orgId);
      this.problem = null;
    } catch (error) {
      this.problem = error;
    }
  }

  override render() {
    if (this.problem) return failed(this.problem, () => void this.load());
    const s = this.settings;
    if (!s) return loading('the Alertmanager settings');
    const { busy, message, fields } = this.form;
    return html`<h3>Receiver settings</h3>
      <form @submit=${this.save} @input=${() => (this.saved = false)} novalidate>
        <div class="grid">
          ${field({ label: 'Service label', name: 'service_label', value: s.service_label, hint: 'Names the service by its slug', error: fields.service_label })}
          ${field({ label: 'Severity label', name: 'severity_label', value: s.severity_label, error: fields.severity_label })}
          ${field({ label: 'Status label', name: 'status_label', value: s.status_label, hint: 'Names a status directly; wins over severity', error: fields.status_label })}
        </div>
        <label
          >Severity → status, one per line
          <textarea
            name="severity_map"
            rows="5"
            aria-describedby="map-hint"
            .value=${mapToText(s.severity_map)}
          ></textarea>
          <span class="hint" id="map-hint"
            >e.g. <code>critical = major_outage</code>; statuses: ${alertStatuses.join(', ')}</span
          >
          ${fields.severity_map ? html`<span class="field-error">${fields.severity_map}</span>` : nothing}
        </label>
        <div class="grid">
          <label
            >Other severities
            <select name="unknown_severity_status">
              ${alertStatuses.map((status) => html`<option value=${status} ?selected=${status === s.unknown_severity_status}>${serviceStatusLabel[status]}</option>`)}
            </select>
          </label>
          ${field({ label: 'Hold timeout (seconds)', name: 'hold_timeout_seconds', type: 'number', value: String(s.hold_timeout_seconds), hint: "Longer than the route's repeat_interval", error: fields.hold_timeout_seconds })}
        </div>
        <label class="check"
          ><input type="checkbox" name="open_incidents" ?checked=${s.open_incidents} />Open an incident for a firing
          alert</label
        >
        ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
        ${this.saved ? html`<p role="status">Saved.</p>` : nothing}
        <div><button type="submit" ?disabled=${busy}>Save receiver settings</button></div>
      </form>`;
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const values = formValues(form);
    const body: AlertmanagerSettingsInput = {
      service_label: values.service_label ?? '',
      severity_label: values.severity_label ?? '',
      status_label: values.status_label ?? '',
      severity_map: textToMap(values.severity_map ?? ''),
      unknown_severity_status: values.unknown_severity_status as AlertStatus,
      hold_timeout_seconds: Number(values.hold_timeout_seconds),
      open_incidents: values.open_incidents !== undefined,
    };
    this.saved = await this.form.run(async () => {
      this.settings = await api.alertmanager.put(this.orgId, body);
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alertmanager-settings-form': AlertmanagerSettingsForm;
  }
}

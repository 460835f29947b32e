import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state as reactive } from 'lit/decorators.js';
import { api, state } from '../app-context.ts';
import type { Incident } from '../api-types.ts';
import { formatTime, incidentStatusLabel } from '../labels.ts';
import { baseStyles } from '../styles.ts';
import { FormController } from './form-controller.ts';
import { markdownField } from './markdown-field.ts';
import './markdown-view.ts';

type Update = Incident['updates'][number];

/**
 * `<incident-timeline>`: an incident's updates, newest first, each rendered from its Markdown. Members
 * correct an entry's text (its status is history and stays) or delete a post made by mistake.
 *
 * @fires incident-changed - `detail`: the incident after an edit or delete
 */
@customElement('incident-timeline')
export class IncidentTimeline extends LitElement {
  @property({ attribute: false }) accessor incident: Incident | null = null;
  /** Whether the caller may edit (members and up). */
  @property({ type: Boolean }) accessor editable = false;
  /** The entry being edited, and its text so far. */
  @reactive() private accessor editing: string | null = null;
  @reactive() private accessor draft = '';
  private form = new FormController(this);

  static override styles = [
    baseStyles,
    css`
      ol {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      li {
        border-left: 3px solid var(--border);
        padding: 0.25rem 0 0.75rem 0.75rem;
      }
      .when {
        color: var(--muted);
        font-size: 0.9rem;
      }
      markdown-view {
        margin: 0.25rem 0 0;
      }
      .actions button {
        min-height: 2rem;
        padding: 0.2rem 0.6rem;
        font-size: 0.9rem;
      }
    `,
  ];

  override render() {
    const incident = this.incident;
    if (!incident) return nothing;
    return html`<ol>
      ${incident.updates.map((update) => html`<li data-update-id=${update.id}>${this.renderUpdate(update)}</li>`)}
    </ol>`;
  }

  private renderUpdate(update: Update) {
    const when = formatTime(update.created_at);
    const head = html`<strong>${incidentStatusLabel[update.status]}</strong>
      <span class="when"
        >${when}${update.updated_at !== update.created_at ? ` · edited ${formatTime(update.updated_at)}` : ''}</span
      >`;
    if (this.editing === update.id) {
      const { busy, message, fields } = this.form;
      return html`${head}
        <form @submit=${(event: SubmitEvent) => this.save(event, update)} novalidate>
          ${markdownField({
            label: 'Message',
            name: 'message',
            id: `edit-${update.id}`,
            value: this.draft,
            required: true,
            error: fields.message,
            onInput: (value) => (this.draft = value),
          })}
          ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
          <div class="row">
            <button type="submit" ?disabled=${busy}>Save</button>
            <button type="button" class="secondary" @click=${() => (this.editing = null)}>Cancel</button>
          </div>
        </form>`;
    }
    return html`${head}
      <markdown-view .source=${update.message}></markdown-view>
      ${
        this.editable
          ? html`<div class="row actions">
              <button
                type="button"
                class="secondary"
                aria-label="Edit the update of ${when}"
                @click=${() => this.edit(update)}
              >
                Edit
              </button>
              <button
                type="button"
                class="secondary"
                aria-label="Delete the update of ${when}"
                @click=${() => void this.deleteUpdate(update)}
              >
                Delete
              </button>
            </div>`
          : nothing
      }`;
  }

  private edit(update: Update) {
    this.form.message = '';
    this.form.fields = {};
    this.draft = update.message;
    this.editing = update.id;
  }

  private async save(event: SubmitEvent, update: Update) {
    event.preventDefault();
    const org = state.org;
    const incident = this.incident;
    if (!org || !incident) return;
    let changed: Incident | null = null;
    const ok = await this.form.run(async () => {
      changed = await api.incidents.editUpdate(org.id, incident.id, update.id, { message: this.draft });
    });
    if (ok && changed) {
      this.editing = null;
      this.changed(changed);
    }
  }

  private async deleteUpdate(update: Update) {
    const org = state.org;
    const incident = this.incident;
    if (!org || !incident) return;
    if (!confirm(`Delete the update of ${formatTime(update.created_at)}? The incident's state does not change.`))
      return;
    await this.form.run(async () => {
      await api.incidents.deleteUpdate(org.id, incident.id, update.id);
      this.changed(await api.incidents.get(org.id, incident.id));
    });
  }

  private changed(incident: Incident) {
    this.dispatchEvent(new CustomEvent('incident-changed', { detail: incident, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'incident-timeline': IncidentTimeline;
  }
}

import { LitElement, html, nothing } from 'lit';
import { customElement, property, state as reactive } from 'lit/decorators.js';
import { api, state } from '../app-context.ts';
import type { Incident } from '../api-types.ts';
import { formatTime } from '../labels.ts';
import { baseStyles } from '../styles.ts';
import { FormController } from './form-controller.ts';
import { markdownField } from './markdown-field.ts';
import './markdown-view.ts';

/**
 * `<incident-postmortem>`: a resolved incident's post-mortem (Markdown, shown on its public page).
 * Members write, edit or remove it; an open incident has none to write yet.
 *
 * @fires incident-changed - `detail`: the incident after a save or removal
 */
@customElement('incident-postmortem')
export class IncidentPostmortem extends LitElement {
  @property({ attribute: false }) accessor incident: Incident | null = null;
  /** Whether the caller may write (members and up). */
  @property({ type: Boolean }) accessor editable = false;
  @reactive() private accessor editing = false;
  @reactive() private accessor draft = '';
  private form = new FormController(this);

  static override styles = [baseStyles];

  override render() {
    const incident = this.incident;
    if (!incident) return nothing;
    const resolved = incident.status === 'resolved';
    if (!incident.postmortem && !(resolved && this.editable)) return nothing;
    return html`<section class="card" aria-labelledby="postmortem">
      <h2 id="postmortem" style="margin-top: 0">Post-mortem</h2>
      ${this.editing ? this.renderForm(incident) : this.renderText(incident, resolved)}
    </section>`;
  }

  private renderText(incident: Incident, resolved: boolean) {
    return html`${
      incident.postmortem
        ? html`<markdown-view data-postmortem .source=${incident.postmortem}></markdown-view>
            <p class="muted">Last changed ${formatTime(incident.postmortem_updated_at!)}</p>`
        : html`<p class="muted">
            None yet. Write what happened, why, and what changes now; it shows on the public incident page.
          </p>`
    }
    ${
      this.editable && resolved
        ? html`<div>
            <button type="button" class="secondary" @click=${() => this.edit(incident)}>
              ${incident.postmortem ? 'Edit post-mortem' : 'Write post-mortem'}
            </button>
          </div>`
        : nothing
    }`;
  }

  private renderForm(incident: Incident) {
    const { busy, message, fields } = this.form;
    return html`<form @submit=${this.save} novalidate>
      ${markdownField({
        label: 'Post-mortem',
        name: 'postmortem',
        id: 'postmortem-text',
        value: this.draft,
        required: true,
        error: fields.postmortem,
        onInput: (value) => (this.draft = value),
      })}
      ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
      <div class="row">
        <button type="submit" ?disabled=${busy}>Save post-mortem</button>
        <button type="button" class="secondary" @click=${() => (this.editing = false)}>Cancel</button>
        ${
          incident.postmortem
            ? html`<button type="button" class="secondary" ?disabled=${busy} @click=${() => void this.put(null)}>
                Remove
              </button>`
            : nothing
        }
      </div>
    </form>`;
  }

  private edit(incident: Incident) {
    this.form.message = '';
    this.form.fields = {};
    this.draft = incident.postmortem ?? '';
    this.editing = true;
  }

  private save(event: SubmitEvent) {
    event.preventDefault();
    void this.put(this.draft);
  }

  private async put(postmortem: string | null) {
    const org = state.org;
    const incident = this.incident;
    if (!org || !incident) return;
    if (postmortem === null && !confirm('Remove the post-mortem from this incident and its public page?')) return;
    let changed: Incident | null = null;
    const ok = await this.form.run(async () => {
      changed = await api.incidents.putPostmortem(org.id, incident.id, { postmortem });
    });
    if (ok && changed) {
      this.editing = false;
      this.dispatchEvent(new CustomEvent('incident-changed', { detail: changed, bubbles: true, composed: true }));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'incident-postmortem': IncidentPostmortem;
  }
}

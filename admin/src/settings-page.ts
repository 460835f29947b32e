import { LitElement, css, html, nothing } from 'lit';
import { customElement, state as reactive } from 'lit/decorators.js';
import { roleAtLeast } from '../../api/src/contract/roles.ts';
import { api, state } from './app-context.ts';
import type { Organization, UpdateOrganizationInput } from './api-types.ts';
import { apiBaseUrl } from './config.ts';
import { navigate } from './router.ts';
import { baseStyles } from './styles.ts';
import { browserZone } from './time-zone.ts';
import { failed, loading } from './components/page-state.ts';
import { FormController } from './components/form-controller.ts';
import { field, formValues } from './components/form-field.ts';

/** Every zone the browser knows, the org's own first if it is missing there (e.g. "UTC" on some engines). */
function zones(current: string): string[] {
  const known = Intl.supportedValuesOf('timeZone');
  return known.includes(current) ? known : [current, ...known];
}

/**
 * /admin/settings: name, slug (old links keep working), brand colour and time zone, the logo (admins),
 * and deleting the organization by typing its slug.
 */
@customElement('settings-page')
export class SettingsPage extends LitElement {
  @reactive() private accessor org: Organization | null = null;
  @reactive() private accessor problem: unknown = null;
  @reactive() private accessor slugDraft = '';
  @reactive() private accessor confirmDraft = '';
  @reactive() private accessor saved = false;
  private form = new FormController(this);
  private deleteForm = new FormController(this);
  private logoForm = new FormController(this);

  static override styles = [
    baseStyles,
    css`
      section {
        margin-bottom: 1rem;
      }
      .colour {
        display: flex;
        gap: 0.5rem;
        align-items: center;
      }
      .colour input[type='color'] {
        width: 3rem;
        height: 2.5rem;
        padding: 0.15rem;
      }
      .warning {
        border-left: 4px solid var(--minor);
        padding: 0.25rem 0.75rem;
        margin: 0;
      }
      .danger {
        border-color: var(--danger);
      }
      img.logo {
        max-height: 4rem;
        max-width: 16rem;
        background: var(--bg);
        border: 1px solid var(--border);
        border-radius: 6px;
        padding: 0.25rem;
      }
      button.destructive {
        background: var(--danger);
        border-color: var(--danger);
      }
      code {
        font-family: ui-monospace, monospace;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const current = state.org;
    if (!current) return;
    try {
      this.org = await api.organizations.get(current.id);
      this.slugDraft = this.org.slug;
      this.problem = null;
    } catch (error) {
      this.problem = error;
    }
  }

  override render() {
    const header = html`<h1 tabindex="-1">Organization settings</h1>`;
    if (this.problem) return html`${header}${failed(this.problem, () => void this.load())}`;
    const org = this.org;
    if (!org) return html`${header}${loading('the settings')}`;
    if (!roleAtLeast(state.role ?? 'viewer', 'admin'))
      return html`${header}
        <p class="muted">Only admins change the organization settings.</p>`;
    const { busy, message, fields } = this.form;
    return html`${header}
      <section class="card" aria-labelledby="general">
        <h2 id="general" style="margin-top: 0">General</h2>
        <form @submit=${this.save} novalidate @input=${() => (this.saved = false)}>
          ${field({ label: 'Name', name: 'name', value: org.name, error: fields.name })}
          ${field({
            label: 'Slug',
            name: 'slug',
            value: org.slug,
            hint: `The status page lives at /status/${this.slugDraft || '…'}/`,
            error: fields.slug,
            onInput: (value) => (this.slugDraft = value),
          })}
          ${
            this.slugDraft !== org.slug
              ? html`<p class="warning" role="note">
                  Links to <code>/status/${org.slug}/</code> (and badges and feeds using <code>${org.slug}</code>) keep
                  working: the old slug redirects and stays reserved for this organization.
                </p>`
              : nothing
          }
          <label
            >Brand colour
            <span class="colour">
              <input type="color" name="brand_color" .value=${org.brand_color} aria-describedby="colour-hint" />
              <span class="hint" id="colour-hint">Used on the status page and badges</span>
            </span>
            ${fields.brand_color ? html`<span class="field-error">${fields.brand_color}</span>` : nothing}
          </label>
          <label
            >Time zone
            <select name="time_zone" aria-describedby="zone-hint">
              ${zones(org.time_zone).map((zone) => html`<option ?selected=${zone === org.time_zone}>${zone}</option>`)}
            </select>
            <span class="hint" id="zone-hint"
              >Maintenance windows are scheduled and shown in it. Your browser's is ${browserZone()}.</span
            >
            ${fields.time_zone ? html`<span class="field-error">${fields.time_zone}</span>` : nothing}
          </label>
          ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
          ${this.saved ? html`<p role="status">Saved.</p>` : nothing}
          <div><button type="submit" ?disabled=${busy}>Save settings</button></div>
        </form>
      </section>
      ${this.renderLogo(org)} ${this.renderDelete(org)}`;
  }

  private renderLogo(org: Organization) {
    const { busy, message } = this.logoForm;
    const src = `${apiBaseUrl}/api/public/status/${encodeURIComponent(org.slug)}/logo?v=${encodeURIComponent(org.updated_at)}`;
    return html`<section class="card" aria-labelledby="logo">
      <h2 id="logo" style="margin-top: 0">Logo</h2>
      ${org.has_logo ? html`<p><img class="logo" src=${src} alt="Current logo of ${org.name}" /></p>` : html`<p class="muted">No logo yet: the status page shows the name.</p>`}
      <form @submit=${this.uploadLogo} novalidate>
        <label
          >${org.has_logo ? 'Replace the logo' : 'Upload a logo'}
          <input type="file" name="logo" accept="image/png,image/jpeg,image/webp" aria-describedby="logo-hint" />
          <span class="hint" id="logo-hint">PNG, JPEG or WebP, up to 256 KB</span>
        </label>
        ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
        <div><button type="submit" ?disabled=${busy}>Upload logo</button></div>
      </form>
    </section>`;
  }

  private async uploadLogo(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const file = new FormData(form).get('logo');
    if (!(file instanceof File) || file.size === 0) {
      this.logoForm.message = 'Choose an image first.';
      return this.requestUpdate();
    }
    const ok = await this.logoForm.run(async () => {
      this.org = await api.organizations.uploadLogo(this.org!.id, file);
    });
    if (ok) form.reset();
  }

  private renderDelete(org: Organization) {
    const { busy, message } = this.deleteForm;
    return html`<section class="card danger" aria-labelledby="delete">
      <h2 id="delete" style="margin-top: 0">Delete organization</h2>
      <p>
        Deletes ${org.name} with its services, incidents, maintenances, members and keys, and takes its status page
        down. This cannot be undone.
      </p>
      <form @submit=${this.delete} novalidate>
        <label
          ><span>Type <code>${org.slug}</code> to confirm</span>
          <input
            name="confirm"
            autocomplete="off"
            .value=${this.confirmDraft}
            @input=${(e: Event) => (this.confirmDraft = (e.target as HTMLInputElement).value)}
          />
        </label>
        ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
        <div>
          <button type="submit" class="destructive" ?disabled=${busy || this.confirmDraft !== org.slug}>
            Delete ${org.name}
          </button>
        </div>
      </form>
    </section>`;
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const org = this.org!;
    const values = formValues(event.target as HTMLFormElement);
    const changes: UpdateOrganizationInput = {};
    for (const key of ['name', 'slug', 'brand_color', 'time_zone'] as const) {
      if (values[key] !== undefined && values[key] !== org[key]) changes[key] = values[key];
    }
    if (Object.keys(changes).length === 0) return void (this.saved = true);
    const ok = await this.form.run(async () => {
      this.org = await api.organizations.update(org.id, changes);
      this.slugDraft = this.org.slug;
      await state.reload();
    });
    this.saved = ok;
  }

  private async delete(event: SubmitEvent) {
    event.preventDefault();
    const org = this.org!;
    const ok = await this.deleteForm.run(() => api.organizations.delete(org.id, this.confirmDraft));
    if (ok) {
      await state.reload();
      navigate('', { replace: true });
    }
  }
}

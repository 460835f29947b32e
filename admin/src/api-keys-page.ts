import { LitElement, css, html, nothing } from 'lit';
import { customElement, state as reactive } from 'lit/decorators.js';
import { apiKeyScopes, roleAtLeast } from '../../api/src/contract/roles.ts';
import { api, state } from './app-context.ts';
import type { ApiKey, ApiKeyScope, CreatedApiKey } from './api-types.ts';
import { formatTime } from './labels.ts';
import { baseStyles } from './styles.ts';
import { failed, loading } from './components/page-state.ts';
import { LiveController } from './components/live-controller.ts';
import { FormController } from './components/form-controller.ts';
import { field } from './components/form-field.ts';
import { secretBox } from './components/secret-box.ts';
import { confirmAction } from './components/confirm-dialog.ts';

/** What each scope lets a key do (docs/architecture.md, "Who may do what"). */
const scopeHelp: Record<ApiKeyScope, string> = {
  read: 'read services, incidents, maintenances and the audit trail',
  'status:write': 'set service statuses',
  'incidents:write': 'open and update incidents',
  'maintenances:write': 'schedule and update maintenances',
  'metrics:read': "scrape the organization's Prometheus metrics (nothing else)",
  'alerts:write': 'send Alertmanager webhooks',
};

/**
 * /admin/api-keys (admins): the org's keys with scopes and last use, revoke; create one with scopes,
 * whose secret is shown once, to copy.
 */
@customElement('api-keys-page')
export class ApiKeysPage extends LitElement {
  @reactive() private accessor keys: ApiKey[] | null = null;
  @reactive() private accessor problem: unknown = null;
  @reactive() private accessor created: CreatedApiKey | null = null;
  @reactive() private accessor revokeError: { id: string; message: string } | null = null;
  private form = new FormController(this);

  static override styles = [
    baseStyles,
    css`
      section {
        margin-bottom: 1rem;
      }
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
      fieldset label {
        display: flex;
        gap: 0.5rem;
        align-items: baseline;
        font-weight: 400;
        padding: 0.2rem 0;
      }
      fieldset input {
        width: auto;
      }
      code {
        font-family: ui-monospace, monospace;
      }
      li.key {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0.5rem 1rem;
        padding: 0.75rem 0;
        border-top: 1px solid var(--border);
      }
      li.key:first-child {
        border-top: 0;
      }
      .about {
        display: grid;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .secret {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
      }
      .secret label {
        flex: 1 1 20rem;
      }
      .secret input {
        font-family: ui-monospace, monospace;
      }
    `,
  ];

  constructor() {
    super();
    new LiveController(this, state, ({ type }) => {
      if (type === 'snapshot' || type.startsWith('api_key.')) void this.load();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const org = state.org;
    if (!org || !roleAtLeast(state.role ?? 'viewer', 'admin')) return;
    try {
      this.keys = await api.apiKeys.list(org.id);
      this.problem = null;
    } catch (error) {
      this.problem = error;
    }
  }

  override render() {
    const header = html`<h1 tabindex="-1">API keys</h1>`;
    if (!roleAtLeast(state.role ?? 'viewer', 'admin'))
      return html`${header}
        <p class="muted">Only admins manage API keys.</p>`;
    if (this.problem) return html`${header}${failed(this.problem, () => void this.load())}`;
    if (!this.keys) return html`${header}${loading('API keys')}`;
    const active = this.keys.filter((k) => !k.revoked_at);
    return html`${header}
      <p class="muted">A key acts for the organization in scripts and monitoring, with the scopes you give it.</p>
      ${this.renderCreate()}
      <section class="card" aria-labelledby="keys">
        <h2 id="keys" style="margin-top: 0">Keys</h2>
        ${
          active.length === 0
            ? html`<p class="muted">No key yet: create one above.</p>`
            : html`<ul class="plain">
                ${active.map((k) => this.renderKey(k))}
              </ul>`
        }
      </section>`;
  }

  private renderCreate() {
    const { busy, message, fields } = this.form;
    return html`<section class="card" aria-labelledby="create">
      <h2 id="create" style="margin-top: 0">Create a key</h2>
      ${
        this.created
          ? html`<div role="status">
                <p><strong>${this.created.name}</strong> is ready. Copy its secret now: it is shown only this once.</p>
              </div>
              ${secretBox('Secret', this.created.secret, 'Copy secret')}
              <p><button class="secondary" @click=${() => (this.created = null)}>Done, hide the secret</button></p>`
          : nothing
      }
      <form @submit=${this.create} novalidate>
        ${field({ label: 'Name', name: 'name', autocomplete: 'off', hint: 'Where it is used, e.g. "Deploy pipeline"', error: fields.name })}
        <fieldset aria-describedby=${fields.scopes ? 'scopes-error' : nothing}>
          <legend>Scopes</legend>
          ${apiKeyScopes.map(
            (scope) =>
              html`<label
                ><input type="checkbox" name="scopes" value=${scope} ?checked=${scope === 'read'} /><span
                  ><code>${scope}</code> <span class="muted">${scopeHelp[scope]}</span></span
                ></label
              >`,
          )}
          ${fields.scopes ? html`<p class="field-error" id="scopes-error">${fields.scopes}</p>` : nothing}
        </fieldset>
        ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
        <div><button type="submit" ?disabled=${busy}>Create key</button></div>
      </form>
    </section>`;
  }

  private renderKey(key: ApiKey) {
    const error = this.revokeError?.id === key.id ? this.revokeError.message : '';
    return html`<li class="key" data-key=${key.name}>
      <span class="about"
        ><strong>${key.name}</strong> <span><code>${key.prefix}…</code> · ${key.scopes.join(', ')}</span
        ><span class="muted"
          >created ${formatTime(key.created_at)} ·
          ${key.last_used_at ? `last used ${formatTime(key.last_used_at)}` : 'never used'}</span
        ></span
      >
      <span
        ><button class="secondary" @click=${() => this.revoke(key)}>
          Revoke<span class="visually-hidden"> ${key.name}</span>
        </button></span
      >
      ${error ? html`<p class="error" role="alert" style="flex-basis: 100%">${error}</p>` : nothing}
    </li>`;
  }

  private async create(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const body = { name: String(data.get('name') ?? ''), scopes: data.getAll('scopes').map(String) as ApiKeyScope[] };
    this.created = null;
    const ok = await this.form.run(async () => {
      this.created = await api.apiKeys.create(state.org!.id, body);
    });
    if (ok) {
      form.reset();
      await this.load();
    }
  }

  private async revoke(key: ApiKey) {
    const ok = await confirmAction({
      message: `Revoke ${key.name}? Anything using it stops working at once.`,
      confirmLabel: `Revoke ${key.name}`,
    });
    if (!ok) return;
    this.revokeError = null;
    try {
      await api.apiKeys.revoke(state.org!.id, key.id);
      if (this.created?.id === key.id) this.created = null;
      await this.load();
    } catch (error) {
      this.revokeError = { id: key.id, message: error instanceof Error ? error.message : String(error) };
    }
  }
}

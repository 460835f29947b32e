import { LitElement, css, html, nothing } from 'lit';
import { customElement, state as reactive } from 'lit/decorators.js';
import { roleAtLeast } from '../../api/src/contract/roles.ts';
import { api, state } from './app-context.ts';
import { apiBaseUrl } from './config.ts';
import type { Organization } from './api-types.ts';
import { href } from './router.ts';
import { baseStyles } from './styles.ts';
import { failed, loading } from './components/page-state.ts';
import './components/copy-button.ts';
import './components/alertmanager-settings-form.ts';

const variants = ['dot', 'pill', 'card', 'toast'] as const;
const themes = ['light', 'dark', 'auto'] as const;

/** Where the API (and so the status pages, widget and feeds) answers. */
const apiOrigin = (): string => new URL(apiBaseUrl || location.origin, location.href).origin;

/** Loads the badge's script once per page (it defines `<status-badge>`; a second load is harmless). */
function loadBadgeScript(): void {
  if (document.querySelector('script[data-status-badge]')) return;
  const script = document.createElement('script');
  script.type = 'module';
  script.src = `${apiOrigin()}/widget/status-badge.js`;
  script.dataset.statusBadge = '';
  document.head.append(script);
}

/**
 * /admin/integrations: how to use this org's status elsewhere — the badge snippet with a live
 * preview, the status page, feed and Statuspage-API URLs, the Prometheus scrape job — and, for
 * admins, the Alertmanager receiver's settings and links to the webhooks and subscribers screens.
 */
@customElement('integrations-page')
export class IntegrationsPage extends LitElement {
  @reactive() private accessor org: Organization | null = null;
  @reactive() private accessor problem: unknown = null;
  @reactive() private accessor variant: (typeof variants)[number] = 'pill';
  @reactive() private accessor theme: (typeof themes)[number] = 'auto';

  static override styles = [
    baseStyles,
    css`
      section {
        margin-bottom: 1rem;
      }
      pre {
        background: var(--bg);
        border: 1px solid var(--border);
        border-radius: 6px;
        padding: 0.75rem;
        overflow-x: auto;
        margin: 0.5rem 0;
        font-size: 0.875rem;
      }
      code,
      pre {
        font-family: ui-monospace, monospace;
      }
      .preview {
        border: 1px dashed var(--border);
        border-radius: 6px;
        padding: 1rem;
        min-height: 3.5rem;
      }
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        margin-bottom: 0.5rem;
      }
      .choices select {
        width: auto;
      }
      dl {
        display: grid;
        grid-template-columns: minmax(8rem, auto) 1fr;
        gap: 0.4rem 1rem;
        margin: 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      @media (max-width: 40rem) {
        dl {
          grid-template-columns: 1fr;
        }
        dd {
          margin-bottom: 0.5rem;
        }
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    loadBadgeScript();
    void this.load();
  }

  private async load() {
    const current = state.org;
    if (!current) return;
    try {
      this.org = await api.organizations.get(current.id);
      this.problem = null;
    } catch (error) {
      this.problem = error;
    }
  }

  override render() {
    const header = html`<h1 tabindex="-1">Integrations</h1>`;
    if (this.problem) return html`${header}${failed(this.problem, () => void this.load())}`;
    const org = this.org;
    if (!org) return html`${header}${loading('integrations')}`;
    const origin = apiOrigin();
    const page = `${origin}/status/${org.slug}/`;
    return html`${header} ${this.renderBadge(org, origin)}
      <section class="card" aria-labelledby="links">
        <h2 id="links" style="margin-top: 0">Status page and feeds</h2>
        <dl>
          <dt>Status page</dt>
          <dd><a href=${page} target="_blank" rel="noopener">${page}</a></dd>
          <dt>Atom feed</dt>
          <dd><code>${page}feed.atom</code></dd>
          <dt>RSS feed</dt>
          <dd><code>${page}feed.rss</code></dd>
          <dt>JSON</dt>
          <dd><code>${page}status.json</code></dd>
          <dt>Statuspage API</dt>
          <dd>
            <code>${page}api/v2/summary.json</code>, live:
            <code>${origin}/api/public/status/${org.slug}/summary.json</code>
          </dd>
        </dl>
      </section>
      ${this.renderNotifications()} ${this.renderPrometheus(org, origin)} ${this.renderAlertmanager(org, origin)}`;
  }

  /** Webhooks and mail subscribers: admins manage them on their own screens. */
  private renderNotifications() {
    return html`<section class="card" aria-labelledby="notifications">
      <h2 id="notifications" style="margin-top: 0">Webhooks and subscribers</h2>
      ${
        roleAtLeast(state.role ?? 'viewer', 'admin')
          ? html`<ul>
              <li>
                <a href=${href('webhooks')}>Webhooks</a>: post incidents, maintenances and status changes to your own
                URL, Slack or Discord; see each delivery.
              </li>
              <li><a href=${href('subscribers')}>Subscribers</a>: who gets the status page's updates by mail.</li>
            </ul>`
          : html`<p class="muted">Admins manage the org's webhooks and the status page's mail subscribers.</p>`
      }
    </section>`;
  }

  private renderBadge(org: Organization, origin: string) {
    const attributes = `org="${org.slug}"${this.variant === 'dot' ? '' : ` variant="${this.variant}"`}${this.theme === 'light' ? '' : ` theme="${this.theme}"`}`;
    const snippet = `<script type="module" src="${origin}/widget/status-badge.js"></script>\n<status-badge ${attributes}></status-badge>`;
    return html`<section class="card" aria-labelledby="badge">
      <h2 id="badge" style="margin-top: 0">Status badge</h2>
      <p class="muted">Paste this into any page: the badge shows the live status and links to the status page.</p>
      <div class="choices">
        <label
          >Variant
          <select
            @change=${(e: Event) => (this.variant = (e.target as HTMLSelectElement).value as typeof this.variant)}
          >
            ${variants.map((v) => html`<option ?selected=${v === this.variant}>${v}</option>`)}
          </select></label
        >
        <label
          >Theme
          <select @change=${(e: Event) => (this.theme = (e.target as HTMLSelectElement).value as typeof this.theme)}>
            ${themes.map((t) => html`<option ?selected=${t === this.theme}>${t}</option>`)}
          </select></label
        >
      </div>
      <pre tabindex="0" aria-label="Badge snippet"><code>${snippet}</code></pre>
      <copy-button .text=${snippet} label="Copy snippet"></copy-button>
      <h3>Preview</h3>
      <div class="preview" data-badge-preview>
        ${this.variant === 'toast' ? html`<p class="muted">A toast shows only while an incident or maintenance is on, in the page's corner.</p>` : nothing}
        <status-badge org=${org.slug} variant=${this.variant} theme=${this.theme} api=${origin}></status-badge>
      </div>
    </section>`;
  }

  private renderPrometheus(org: Organization, origin: string) {
    const url = new URL(origin);
    const config = `scrape_configs:
  - job_name: lantern-${org.slug}
    scheme: ${url.protocol.replace(':', '')}
    metrics_path: /api/organizations/${org.id}/metrics
    scrape_interval: 30s
    authorization:
      credentials: lsk_... # an API key with the metrics:read scope
    static_configs:
      - targets: ['${url.host}']`;
    return html`<section class="card" aria-labelledby="prometheus">
      <h2 id="prometheus" style="margin-top: 0">Prometheus</h2>
      <p>
        Scrape this organization's service statuses with an
        <a href=${href('api-keys')}>API key</a> holding the <code>metrics:read</code> scope (it can read nothing else).
      </p>
      <pre tabindex="0" aria-label="Prometheus scrape configuration"><code>${config}</code></pre>
      <copy-button .text=${config} label="Copy scrape config"></copy-button>
    </section>`;
  }

  private renderAlertmanager(org: Organization, origin: string) {
    const receiver = `receivers:
  - name: lantern
    webhook_configs:
      - url: ${origin}/api/organizations/${org.id}/integrations/alertmanager
        send_resolved: true
        http_config:
          authorization:
            credentials: lsk_... # an API key with the alerts:write scope`;
    return html`<section class="card" aria-labelledby="alertmanager">
      <h2 id="alertmanager" style="margin-top: 0">Alertmanager</h2>
      <p>
        Firing alerts hold the service they name at a worse status until they resolve. Add a receiver with an
        <a href=${href('api-keys')}>API key</a> holding the <code>alerts:write</code> scope:
      </p>
      <pre tabindex="0" aria-label="Alertmanager receiver"><code>${receiver}</code></pre>
      <copy-button .text=${receiver} label="Copy receiver"></copy-button>
      ${
        roleAtLeast(state.role ?? 'viewer', 'admin')
          ? html`<alertmanager-settings-form .orgId=${org.id}></alertmanager-settings-form>`
          : html`<p class="muted">Admins set how alert labels map to statuses.</p>`
      }
    </section>`;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { roleAtLeast } from '../../../api/src/contract/roles.ts';
import type { Me, MemberRole } from '../api-types.ts';
import { baseStyles } from '../styles.ts';
import { href } from '../router.ts';

/** The header's screens, each shown from the role that can use it. */
const screenLinks: [path: string, label: string, from: MemberRole][] = [
  ['services', 'Services', 'viewer'],
  ['incidents', 'Incidents', 'viewer'],
  ['maintenances', 'Maintenances', 'viewer'],
  ['templates', 'Templates', 'viewer'],
  ['team', 'Team', 'viewer'],
  ['api-keys', 'API keys', 'admin'],
  ['audit', 'Audit log', 'viewer'],
  ['integrations', 'Integrations', 'viewer'],
  ['settings', 'Settings', 'admin'],
];

/**
 * The signed-in header: product name, the organization switcher, the screens' links and sign-out.
 * @fires org-switch - CustomEvent<string>: the organization id chosen
 * @fires sign-out - the user asked to sign out
 */
@customElement('app-header')
export class AppHeader extends LitElement {
  @property({ attribute: false }) accessor me: Me | null = null;
  @property() accessor orgId: string | null = null;
  /** The current screen's path (`services`), to mark its link. */
  @property() accessor current = '';

  static override styles = [
    baseStyles,
    css`
      header {
        background: var(--surface);
        border-bottom: 1px solid var(--border);
      }
      .bar {
        max-width: 64rem;
        margin: 0 auto;
        padding: 0.5rem 1rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
      }
      .brand {
        font-weight: 700;
        color: inherit;
        text-decoration: none;
      }
      .spacer {
        flex: 1;
      }
      /* The screens get a row of their own under the brand and the account controls. */
      nav {
        order: 3;
        width: 100%;
      }
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
      }
      nav a {
        display: inline-block;
        padding: 0.4rem 0.6rem;
        border-radius: 6px;
        color: inherit;
        text-decoration: none;
      }
      nav a[aria-current='page'] {
        background: var(--bg);
        font-weight: 600;
        box-shadow: inset 0 -3px 0 var(--accent);
      }
      label {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        font-weight: 400;
      }
      select {
        width: auto;
        max-width: 12rem;
        padding: 0.35rem 0.5rem;
      }
      button {
        min-height: 2.25rem;
        padding: 0.35rem 0.7rem;
      }
      @media (max-width: 40rem) {
        .brand {
          flex: 1;
        }
        .spacer {
          display: none;
        }
      }
    `,
  ];

  override render() {
    const orgs = this.me?.organizations ?? [];
    const role = orgs.find((org) => org.id === this.orgId)?.role ?? 'viewer';
    const link = (path: string, label: string) =>
      html`<li>
        <a href=${href(path)} aria-current=${this.current.startsWith(path) ? 'page' : nothing}>${label}</a>
      </li>`;
    return html`<header>
      <div class="bar">
        <a class="brand" href=${href('services')}>Lantern</a>
        ${
          orgs.length > 0
            ? html`<nav aria-label="Screens">
                <ul class="plain">
                  ${screenLinks.filter(([, , from]) => roleAtLeast(role, from)).map(([path, label]) => link(path, label))}
                </ul>
              </nav>`
            : nothing
        }
        <span class="spacer"></span>
        ${
          orgs.length > 0
            ? html`<label
                >Organization
                <select @change=${this.switchOrg}>
                  ${orgs.map((org) => html`<option value=${org.id} ?selected=${org.id === this.orgId}>${org.name}</option>`)}
                </select></label
              >`
            : nothing
        }
        <a href=${href('organizations/new')}>New organization</a>
        <a href=${href('account')} aria-current=${this.current === 'account' ? 'page' : nothing}>Account</a>
        <button
          class="secondary"
          @click=${() => this.dispatchEvent(new Event('sign-out', { bubbles: true, composed: true }))}
        >
          Sign out
        </button>
      </div>
    </header>`;
  }

  private switchOrg(event: Event) {
    const orgId = (event.target as HTMLSelectElement).value;
    this.dispatchEvent(new CustomEvent<string>('org-switch', { detail: orgId, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'app-header': AppHeader;
  }
}

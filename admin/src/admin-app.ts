import { LitElement, css, html, nothing } from 'lit';
import { customElement, state as reactive } from 'lit/decorators.js';
import { api, state } from './app-context.ts';
import { href, matchRoute, navigate, relativePath, type RouteMatch } from './router.ts';
import { baseStyles } from './styles.ts';
import { failed, loading } from './components/page-state.ts';
import './components/app-header.ts';

/** A screen element as the router hands it its URL. */
export interface ScreenElement extends HTMLElement {
  params?: Record<string, string>;
  query?: URLSearchParams;
}

/**
 * The whole admin: the header when signed in, and the screen of the current URL (loaded on first
 * use). Sends signed-out visitors to sign-in and users without an organization to create one.
 */
@customElement('admin-app')
export class AdminApp extends LitElement {
  @reactive() private accessor screen: ScreenElement | null = null;
  @reactive() private accessor problem: unknown = null;
  @reactive() private accessor notice = '';
  @reactive() private accessor ready = false;
  private screenKey = '';
  private lastOrg: { id: string; name: string } | null = null;
  private firstRoute = true;
  /** Counts navigations: a new one always makes a new screen; a state change keeps the screen (and its URL edits). */
  private navigations = 0;

  static override styles = [
    baseStyles,
    css`
      main {
        max-width: 64rem;
        margin: 0 auto;
        padding: 1rem;
      }
      .notice {
        display: flex;
        justify-content: space-between;
        gap: 1rem;
        align-items: center;
        margin-bottom: 1rem;
      }
      .skip {
        position: absolute;
        left: -100vw;
      }
      .skip:focus {
        left: 1rem;
        top: 0.5rem;
        z-index: 1;
        background: var(--surface);
        padding: 0.5rem;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('popstate', () => {
      this.navigations++;
      void this.route();
    });
    state.addEventListener('change', () => this.stateChanged());
    void this.start();
  }

  private async start() {
    try {
      if (state.signedIn) await state.reload();
    } catch (error) {
      // A session the API no longer accepts has been cleared by the client: sign in again.
      if (state.signedIn) this.problem = error;
    }
    this.lastOrg = state.org;
    this.ready = true;
    await this.route();
  }

  private stateChanged() {
    const previous = this.lastOrg;
    this.lastOrg = state.org;
    if (previous && state.signedIn && state.me && !state.me.organizations.some((org) => org.id === previous.id)) {
      this.notice = `You no longer have access to ${previous.name}.`;
    }
    this.requestUpdate();
    if (this.ready) void this.route();
  }

  private async route() {
    const match = matchRoute(location);
    const path = relativePath(location.pathname);
    const home = !state.signedIn ? 'sign-in' : state.org ? 'services' : 'organizations/new';
    if (!match) {
      if (path === '' || path === null) return navigate(home, { replace: true });
      return this.show(null, 'not-found');
    }
    const { screen } = match;
    if (screen.needs !== 'public' && !state.signedIn) {
      const next = `${location.pathname}${location.search}`;
      return navigate(`sign-in?next=${encodeURIComponent(next)}`, { replace: true });
    }
    if (screen.needs === 'org' && state.me && !state.org) return navigate('organizations/new', { replace: true });
    if (screen.needs === 'org' && !state.me) return; // /me failed: the error is shown
    document.title = `${screen.title} · Lantern admin`;
    await this.show(match, `${this.navigations}|${screen.tag}|${JSON.stringify(match.params)}|${state.org?.id ?? ''}`);
  }

  private async show(match: RouteMatch | null, key: string) {
    if (key === this.screenKey) return;
    this.screenKey = key;
    if (!match) {
      document.title = 'Not found · Lantern admin';
      this.screen = null;
      return;
    }
    try {
      await match.screen.load();
    } catch (error) {
      this.problem = error;
      return;
    }
    if (key !== this.screenKey) return; // another navigation won meanwhile
    const element = document.createElement(match.screen.tag) as ScreenElement;
    element.params = match.params;
    element.query = match.query;
    this.screen = element;
    if (!this.firstRoute) {
      // A new screen: move focus to its heading, as a page load would for a screen reader.
      await this.updateComplete;
      await (element as unknown as LitElement).updateComplete;
      element.shadowRoot?.querySelector<HTMLElement>('h1')?.focus();
    }
    this.firstRoute = false;
  }

  override render() {
    if (!this.ready) return html`<main>${loading('your account')}</main>`;
    const me = state.signedIn ? state.me : null;
    return html`<a class="skip" href="#main">Skip to content</a>
      ${
        me
          ? html`<app-header
              .me=${me}
              .orgId=${state.org?.id ?? null}
              .current=${relativePath(location.pathname) ?? ''}
              @org-switch=${(event: CustomEvent<string>) => state.switchOrg(event.detail)}
              @sign-out=${this.signOut}
            ></app-header>`
          : nothing
      }
      <main id="main" tabindex="-1">
        ${
          this.notice
            ? html`<div class="card notice" role="status">
                <span>${this.notice}</span>
                <button class="secondary" @click=${() => (this.notice = '')}>Dismiss</button>
              </div>`
            : nothing
        }
        ${
          this.problem
            ? failed(this.problem, () => location.reload())
            : (this.screen ??
              html`<h1>Page not found</h1>
                <p>There is no screen at this address. <a href=${href('')}>Go to the start</a>.</p>`)
        }
      </main>`;
  }

  private async signOut() {
    await api.auth.signOut().catch(() => {});
    navigate('sign-in');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-app': AdminApp;
  }
}

import { LitElement, html } from 'lit';
import { customElement, property, state as reactive } from 'lit/decorators.js';
import { api, state } from './app-context.ts';
import { href } from './router.ts';
import { baseStyles } from './styles.ts';
import { loading } from './components/page-state.ts';

/** /admin/verify-email?token=…: the mailed link; confirms the address once, on opening. */
@customElement('verify-email-page')
export class VerifyEmailPage extends LitElement {
  @property({ attribute: false }) accessor query = new URLSearchParams();
  @reactive() private accessor outcome: 'pending' | 'verified' | 'failed' = 'pending';
  @reactive() private accessor message = '';
  static override styles = baseStyles;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.verify();
  }

  private async verify() {
    const token = this.query.get('token');
    // The single-use token leaves the address bar (and history) at once.
    history.replaceState(null, '', href('verify-email'));
    if (!token) {
      this.outcome = 'failed';
      this.message = 'This link has no token. Open the link from the mail again.';
      return;
    }
    try {
      const user = await api.auth.verifyEmail(token);
      this.message = `${user.email} is confirmed.`;
      this.outcome = 'verified';
      if (state.signedIn) await state.reload().catch(() => {});
    } catch (error) {
      this.outcome = 'failed';
      this.message = error instanceof Error ? error.message : String(error);
    }
  }

  override render() {
    if (this.outcome === 'pending') return html`<section class="card narrow">${loading('your confirmation')}</section>`;
    const next = state.signedIn
      ? html`<a class="button" href=${href('')}>Continue</a>`
      : html`<a class="button" href=${href('sign-in')}>Sign in</a>`;
    return html`<section class="card narrow">
      <h1 tabindex="-1">${this.outcome === 'verified' ? 'Email confirmed' : 'This link did not work'}</h1>
      <p role=${this.outcome === 'verified' ? 'status' : 'alert'}>${this.message}</p>
      ${
        this.outcome === 'failed'
          ? html`<p class="muted">
              Links work once and for 24 hours, and only the newest one. Sign up again with the same address for a new
              one.
            </p>`
          : ''
      }
      ${next}
    </section>`;
  }
}

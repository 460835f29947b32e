import { LitElement, html, nothing } from 'lit';
import { customElement, property, state as reactive } from 'lit/decorators.js';
import { api } from './app-context.ts';
import { href } from './router.ts';
import { baseStyles } from './styles.ts';
import { field, formValues } from './components/form-field.ts';
import { FormController } from './components/form-controller.ts';

/** /admin/reset-password?token=…: the mailed link; sets a new password (every session ends). */
@customElement('reset-password-page')
export class ResetPasswordPage extends LitElement {
  @property({ attribute: false }) accessor query = new URLSearchParams();
  @reactive() private accessor done = false;
  private token = '';
  private form = new FormController(this);
  static override styles = baseStyles;

  override connectedCallback(): void {
    super.connectedCallback();
    this.token = this.query.get('token') ?? '';
    // Kept in memory only: the single-use token leaves the address bar and history.
    history.replaceState(null, '', href('reset-password'));
  }

  override render() {
    if (this.done) {
      return html`<section class="card narrow">
        <h1 tabindex="-1">Password changed</h1>
        <p role="status">Your new password is set; every session was signed out.</p>
        <a class="button" href=${href('sign-in')}>Sign in</a>
      </section>`;
    }
    const { busy, message, fields } = this.form;
    return html`<section class="card narrow">
      <h1 tabindex="-1">Choose a new password</h1>
      ${
        this.token
          ? html`<form @submit=${this.submit} novalidate>
              ${field({
                label: 'New password',
                name: 'password',
                type: 'password',
                autocomplete: 'new-password',
                hint: 'At least 10 characters.',
                error: fields.password,
              })}
              ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
              <button type="submit" ?disabled=${busy}>Set password</button>
            </form>`
          : html`<p class="error" role="alert">This link has no token. Open the link from the mail again.</p>`
      }
      <p><a href=${href('forgot-password')}>Send a new link</a></p>
    </section>`;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const { password = '' } = formValues(event.target as HTMLFormElement);
    if (!(await this.form.run(() => api.auth.confirmPasswordReset(this.token, password)))) return;
    api.session.clear();
    this.done = true;
  }
}

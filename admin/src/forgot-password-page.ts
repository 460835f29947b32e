import { LitElement, html, nothing } from 'lit';
import { customElement, state as reactive } from 'lit/decorators.js';
import { api } from './app-context.ts';
import { href } from './router.ts';
import { baseStyles } from './styles.ts';
import { field, formValues } from './components/form-field.ts';
import { FormController } from './components/form-controller.ts';

/** /admin/forgot-password: asks for a reset link by mail. */
@customElement('forgot-password-page')
export class ForgotPasswordPage extends LitElement {
  @reactive() private accessor sentTo = '';
  private form = new FormController(this);
  static override styles = baseStyles;

  override render() {
    const { busy, message, fields } = this.form;
    return html`<section class="card narrow">
      <h1 tabindex="-1">Reset your password</h1>
      ${
        this.sentTo
          ? html`<p role="status">
              If ${this.sentTo} has an account, a link to choose a new password is on its way. It works for one hour.
            </p>`
          : html`<form @submit=${this.submit} novalidate>
              ${field({ label: 'Email', name: 'email', type: 'email', autocomplete: 'email', error: fields.email })}
              ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
              <button type="submit" ?disabled=${busy}>Send the link</button>
            </form>`
      }
      <p><a href=${href('sign-in')}>Back to sign in</a></p>
    </section>`;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const { email = '' } = formValues(event.target as HTMLFormElement);
    if (await this.form.run(() => api.auth.requestPasswordReset(email))) this.sentTo = email;
  }
}

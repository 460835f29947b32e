import { LitElement, css, html, nothing } from 'lit';
import { customElement, state as reactive } from 'lit/decorators.js';
import { api, state } from './app-context.ts';
import { ApiError } from './api-error.ts';
import { navigate } from './router.ts';
import { baseStyles } from './styles.ts';
import { field, formValues } from './components/form-field.ts';
import { FormController } from './components/form-controller.ts';

/**
 * /admin/account: the signed-in user's own account. Change the password (the current one required;
 * the API ends every other session and hands this tab a fresh one), or sign out on every device.
 */
@customElement('account-page')
export class AccountPage extends LitElement {
  @reactive() private accessor changed = false;
  private readonly passwordForm = new FormController(this);
  private readonly everywhere = new FormController(this);

  static override styles = [
    baseStyles,
    css`
      section.card {
        max-width: 32rem;
        margin-bottom: 1rem;
      }
      section.card h2 {
        margin-top: 0;
      }
    `,
  ];

  override render() {
    const user = state.me?.user;
    const { busy, message, fields } = this.passwordForm;
    return html`<h1 tabindex="-1">Account</h1>
      ${user ? html`<p class="muted">Signed in as <strong>${user.email}</strong>.</p>` : nothing}
      <section class="card" aria-labelledby="password-title">
        <h2 id="password-title">Change password</h2>
        <form @submit=${this.changePassword} novalidate>
          <input type="email" name="username" autocomplete="username" .value=${user?.email ?? ''} hidden />
          ${field({
            label: 'Current password',
            name: 'old_password',
            type: 'password',
            autocomplete: 'current-password',
            error: fields.old_password,
          })}
          ${field({
            label: 'New password',
            name: 'new_password',
            type: 'password',
            autocomplete: 'new-password',
            hint: 'At least 10 characters. Other devices are signed out.',
            error: fields.new_password,
          })}
          ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
          ${this.changed ? html`<p role="status">Password changed; every other session was signed out.</p>` : nothing}
          <div><button type="submit" ?disabled=${busy}>Change password</button></div>
        </form>
      </section>
      <section class="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Sessions</h2>
        <p>Signs you out here and on every other device and browser. Open pages there stop working within minutes.</p>
        <button class="secondary" ?disabled=${this.everywhere.busy} @click=${this.signOutEverywhere}>
          Sign out everywhere
        </button>
        ${this.everywhere.message ? html`<p class="error" role="alert">${this.everywhere.message}</p>` : nothing}
      </section>`;
  }

  private async changePassword(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const { old_password = '', new_password = '' } = formValues(form);
    this.changed = false;
    const ok = await this.passwordForm.run(async () => {
      try {
        await api.auth.changePassword({ old_password, new_password });
      } catch (error) {
        // The API answers a wrong current password with a 403 and no details: it belongs to that field.
        if (error instanceof ApiError && error.status === 403)
          throw new ApiError(422, {
            error: {
              code: 'validation_failed',
              message: error.message,
              details: [{ path: ['old_password'], message: error.message }],
              requestId: error.requestId ?? '',
            },
          });
        throw error;
      }
    });
    if (ok) {
      form.reset();
      this.changed = true;
    }
  }

  private async signOutEverywhere() {
    if (await this.everywhere.run(() => api.auth.signOutEverywhere())) navigate('sign-in');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'account-page': AccountPage;
  }
}

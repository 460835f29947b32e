import { LitElement, html, nothing } from 'lit';
import { customElement, property, state as reactive } from 'lit/decorators.js';
import { api, state } from './app-context.ts';
import { href, navigate } from './router.ts';
import { baseStyles } from './styles.ts';
import { field, formValues } from './components/form-field.ts';
import { FormController } from './components/form-controller.ts';

/** /admin/sign-up: a new account; the API mails a verification link. */
@customElement('sign-up-page')
export class SignUpPage extends LitElement {
  @property({ attribute: false }) accessor query = new URLSearchParams();
  @reactive() private accessor waitingForMail = '';
  private form = new FormController(this);
  static override styles = baseStyles;

  override render() {
    if (this.waitingForMail) {
      return html`<section class="card narrow">
        <h1 tabindex="-1">Check your mail</h1>
        <p role="status">We sent a link to ${this.waitingForMail}. Open it to confirm your address, then sign in.</p>
        <p><a href=${href(`sign-in${this.nextQuery()}`)}>Sign in</a></p>
      </section>`;
    }
    const { busy, message, fields } = this.form;
    return html`<section class="card narrow">
      <h1 tabindex="-1">Create your account</h1>
      <form @submit=${this.submit} novalidate>
        ${field({ label: 'Your name', name: 'display_name', autocomplete: 'name', required: false, error: fields.display_name })}
        ${field({ label: 'Email', name: 'email', type: 'email', autocomplete: 'email', error: fields.email })}
        ${field({
          label: 'Password',
          name: 'password',
          type: 'password',
          autocomplete: 'new-password',
          hint: 'At least 10 characters; a passphrase is easiest.',
          error: fields.password,
        })}
        ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
        <button type="submit" ?disabled=${busy}>${busy ? 'Creating…' : 'Create account'}</button>
      </form>
      <p>Already have an account? <a href=${href('sign-in')}>Sign in</a></p>
    </section>`;
  }

  /** `?next=` passed on to sign-in (an invitation's page, say), for after the confirmation. */
  private nextQuery(): string {
    const next = this.query.get('next');
    return next ? `?next=${encodeURIComponent(next)}` : '';
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const { email = '', password = '', display_name = '' } = formValues(event.target as HTMLFormElement);
    let signedIn = false;
    const ok = await this.form.run(async () => {
      const answer = await api.auth.signUp({ email, password, ...(display_name.trim() ? { display_name } : {}) });
      signedIn = answer.access_token !== null;
      if (signedIn) await state.reload();
    });
    if (!ok) return;
    // Without an invitation the answer has no session: the next step comes by mail.
    if (!signedIn) this.waitingForMail = email;
    else {
      const next = this.query.get('next');
      navigate(next?.startsWith('/') && !next.startsWith('//') ? next : 'organizations/new', { replace: true });
    }
  }
}

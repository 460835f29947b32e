import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api, state } from './app-context.ts';
import { href, navigate } from './router.ts';
import { baseStyles } from './styles.ts';
import { field, formValues } from './components/form-field.ts';
import { FormController } from './components/form-controller.ts';

/** /admin/sign-in: email and password; `?next=` is where to go afterwards (a path of this app). */
@customElement('sign-in-page')
export class SignInPage extends LitElement {
  @property({ attribute: false }) accessor query = new URLSearchParams();
  private form = new FormController(this);
  static override styles = baseStyles;

  override render() {
    const { busy, message, fields } = this.form;
    return html`<section class="card narrow">
      <h1 tabindex="-1">Sign in to Lantern</h1>
      <form @submit=${this.submit} novalidate>
        ${field({ label: 'Email', name: 'email', type: 'email', autocomplete: 'username', error: fields.email })}
        ${field({
          label: 'Password',
          name: 'password',
          type: 'password',
          autocomplete: 'current-password',
          error: fields.password,
        })}
        ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
        <button type="submit" ?disabled=${busy}>${busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
      <p><a href=${href('forgot-password')}>Forgot your password?</a></p>
      <p>New here? <a href=${href(`sign-up${this.nextQuery()}`)}>Create an account</a></p>
    </section>`;
  }

  private nextQuery(): string {
    const next = this.query.get('next');
    return next ? `?next=${encodeURIComponent(next)}` : '';
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const { email = '', password = '' } = formValues(event.target as HTMLFormElement);
    const ok = await this.form.run(async () => {
      await api.auth.signIn({ email, password });
      await state.reload();
    });
    if (!ok) return;
    const next = this.query.get('next');
    // Only paths of this app: an open redirect through ?next= would be a phishing tool.
    navigate(next?.startsWith('/') && !next.startsWith('//') ? next : 'services', { replace: true });
  }
}

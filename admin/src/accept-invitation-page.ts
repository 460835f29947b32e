import { LitElement, html, nothing } from 'lit';
import { customElement, property, state as reactive } from 'lit/decorators.js';
import { api, state } from './app-context.ts';
import type { PublicInvitation } from './api-types.ts';
import { href, navigate } from './router.ts';
import { baseStyles } from './styles.ts';
import { failed, loading } from './components/page-state.ts';
import { FormController } from './components/form-controller.ts';

/**
 * /admin/accept-invitation?token=…: the mailed invitation. Shows which org and role it offers; a
 * signed-out invitee signs in or up first and comes back here (the token rides in `?next=`).
 */
@customElement('accept-invitation-page')
export class AcceptInvitationPage extends LitElement {
  @property({ attribute: false }) accessor query = new URLSearchParams();
  @reactive() private accessor invitation: PublicInvitation | null = null;
  @reactive() private accessor problem: unknown = null;
  private form = new FormController(this);
  static override styles = baseStyles;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get token(): string {
    return this.query.get('token') ?? '';
  }

  private async load() {
    this.problem = null;
    try {
      this.invitation = await api.invitations.lookup(this.token);
    } catch (error) {
      this.problem = error;
    }
  }

  override render() {
    if (this.problem)
      return html`<section class="narrow">
        <h1 tabindex="-1">Invitation</h1>
        ${failed(this.problem, () => void this.load())}
      </section>`;
    const invitation = this.invitation;
    if (!invitation) return html`<section class="card narrow">${loading('the invitation')}</section>`;
    const here = encodeURIComponent(`${location.pathname}${location.search}`);
    const { busy, message } = this.form;
    return html`<section class="card narrow">
      <h1 tabindex="-1">Join ${invitation.organization.name}</h1>
      <p>You are invited as <strong>${invitation.role}</strong> (for ${invitation.email}).</p>
      ${
        invitation.state !== 'pending'
          ? html`<p class="error" role="alert">This invitation is ${invitation.state}. Ask an admin for a new one.</p>`
          : state.signedIn
            ? html`${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
                <button @click=${this.accept} ?disabled=${busy}>Accept and join</button>`
            : html`<p>Sign in with that address, or create an account for it, to accept.</p>
                <div class="row">
                  <a class="button" href=${href(`sign-in?next=${here}`)}>Sign in</a>
                  <a class="button secondary" href=${href(`sign-up?next=${here}`)}>Create an account</a>
                </div>`
      }
    </section>`;
  }

  private async accept() {
    let orgId = '';
    const ok = await this.form.run(async () => {
      orgId = (await api.invitations.accept(this.token)).org_id;
      await state.reload();
    });
    if (!ok) return;
    state.switchOrg(orgId);
    navigate('services', { replace: true });
  }
}

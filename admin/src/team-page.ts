import { LitElement, css, html, nothing } from 'lit';
import { customElement, state as reactive } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { memberRoles, roleAtLeast } from '../../api/src/contract/roles.ts';
import { api, state } from './app-context.ts';
import { ApiError } from './api-error.ts';
import type { Invitation, InvitationWithLink, Member, MemberRole } from './api-types.ts';
import { formatTime, roleLabel } from './labels.ts';
import { baseStyles } from './styles.ts';
import { failed, loading } from './components/page-state.ts';
import { LiveController } from './components/live-controller.ts';
import { FormController } from './components/form-controller.ts';
import { field, formValues } from './components/form-field.ts';
import { secretBox } from './components/secret-box.ts';
import { confirmAction } from './components/confirm-dialog.ts';

/** Why the API refuses a change with 409 on this screen: the last admin cannot go. */
const lastAdminHelp =
  'Every organization keeps at least one admin, so the last admin cannot be demoted or removed. Make someone else admin first.';

/**
 * /admin/team: members and their roles (admins change roles and remove members; anyone may leave),
 * and for admins the invitations: invite by email with a role, the pending ones with resend and
 * revoke. A new or resent invitation's link is shown once, to copy. Live: member and invitation events.
 */
@customElement('team-page')
export class TeamPage extends LitElement {
  @reactive() private accessor members: Member[] | null = null;
  @reactive() private accessor invitations: Invitation[] | null = null;
  @reactive() private accessor problem: unknown = null;
  @reactive() private accessor rowError: { id: string; message: string } | null = null;
  @reactive() private accessor link: InvitationWithLink | null = null;
  private inviteForm = new FormController(this);

  static override styles = [
    baseStyles,
    css`
      li.row {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0.5rem 1rem;
        padding: 0.75rem 0;
        border-top: 1px solid var(--border);
      }
      li.row:first-child {
        border-top: 0;
      }
      .who {
        display: grid;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .who strong {
        font-weight: 600;
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      .controls select {
        width: auto;
      }
      .row-error {
        flex-basis: 100%;
        margin: 0;
      }
      .invite form {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
      }
      .invite label {
        flex: 1 1 14rem;
      }
      .invite label.role {
        flex: 0 1 10rem;
      }
      .secret {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
        margin-top: 1rem;
      }
      .secret label {
        flex: 1 1 20rem;
      }
      section {
        margin-bottom: 1rem;
      }
    `,
  ];

  constructor() {
    super();
    new LiveController(this, state, ({ type }) => {
      if (type === 'snapshot' || type.startsWith('member.') || type.startsWith('invitation.')) void this.load();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get isAdmin() {
    return roleAtLeast(state.role ?? 'viewer', 'admin');
  }

  private async load() {
    const org = state.org;
    if (!org) return;
    try {
      const [members, invitations] = await Promise.all([
        api.members.list(org.id),
        this.isAdmin ? api.orgInvitations.list(org.id) : Promise.resolve(null),
      ]);
      this.members = members;
      this.invitations = invitations;
      this.problem = null;
    } catch (error) {
      this.problem = error;
    }
  }

  override render() {
    const header = html`<h1 tabindex="-1">Team</h1>`;
    if (this.problem) return html`${header}${failed(this.problem, () => void this.load())}`;
    if (!this.members) return html`${header}${loading('the team')}`;
    return html`${header}
      <section class="card" aria-labelledby="members">
        <h2 id="members" style="margin-top: 0">Members</h2>
        <ul class="plain">
          ${this.members.map((m) => this.renderMember(m))}
        </ul>
      </section>
      ${this.isAdmin ? this.renderInvitations() : html`<p class="muted">Admins invite people and change roles.</p>`}`;
  }

  private renderMember(member: Member) {
    const self = member.user_id === state.me?.user.id;
    const name = member.display_name || member.email;
    const error = this.rowError?.id === member.user_id ? this.rowError.message : '';
    return html`<li class="row" data-member=${member.email}>
      <span class="who"
        ><strong>${name}${self ? ' (you)' : ''}</strong
        ><span class="muted"
          >${member.display_name ? `${member.email} · ` : ''}joined ${formatTime(member.created_at)}</span
        ></span
      >
      <span class="controls">
        ${
          this.isAdmin
            ? html`<select
                aria-label="Role of ${name}"
                .value=${live(member.role)}
                @change=${(e: Event) => this.changeRole(member, e)}
              >
                ${memberRoles.map((r) => html`<option value=${r} ?selected=${r === member.role}>${roleLabel[r]}</option>`)}
              </select>`
            : html`<span>${roleLabel[member.role]}</span>`
        }
        ${
          this.isAdmin || self
            ? html`<button class="secondary" @click=${() => this.removeMember(member, self)}>
                ${self ? 'Leave' : html`Remove<span class="visually-hidden"> ${name}</span>`}
              </button>`
            : nothing
        }
      </span>
      ${error ? html`<p class="error row-error" role="alert">${error}</p>` : nothing}
    </li>`;
  }

  private renderInvitations() {
    const { busy, message, fields } = this.inviteForm;
    const pending = this.invitations ?? [];
    return html`<section class="card invite" aria-labelledby="invite">
        <h2 id="invite" style="margin-top: 0">Invite someone</h2>
        <form @submit=${this.invite} novalidate>
          ${field({ label: 'Email', name: 'email', type: 'email', autocomplete: 'off', error: fields.email })}
          <label class="role"
            >Role
            <select name="role">
              ${memberRoles.map((r) => html`<option value=${r} ?selected=${r === 'member'}>${roleLabel[r]}</option>`)}
            </select>
          </label>
          <button type="submit" ?disabled=${busy}>Send invitation</button>
        </form>
        ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
        ${
          this.link
            ? html`<p role="status">
                  Invitation sent to ${this.link.email}. The link is also yours to pass on; it is shown only now.
                </p>
                ${secretBox('Invitation link', this.link.accept_url, 'Copy link')}`
            : nothing
        }
      </section>
      <section class="card" aria-labelledby="pending">
        <h2 id="pending" style="margin-top: 0">Pending invitations</h2>
        ${
          pending.length === 0
            ? html`<p class="muted">No pending invitation.</p>`
            : html`<ul class="plain">
                ${pending.map((i) => this.renderInvitation(i))}
              </ul>`
        }
      </section>`;
  }

  private renderInvitation(invitation: Invitation) {
    const error = this.rowError?.id === invitation.id ? this.rowError.message : '';
    return html`<li class="row" data-invitation=${invitation.email}>
      <span class="who"
        ><strong>${invitation.email}</strong
        ><span class="muted">${roleLabel[invitation.role]} · expires ${formatTime(invitation.expires_at)}</span></span
      >
      <span class="controls">
        <button class="secondary" @click=${() => this.resend(invitation)}>
          Resend<span class="visually-hidden"> to ${invitation.email}</span>
        </button>
        <button class="secondary" @click=${() => this.revoke(invitation)}>
          Revoke<span class="visually-hidden"> ${invitation.email}</span>
        </button>
      </span>
      ${error ? html`<p class="error row-error" role="alert">${error}</p>` : nothing}
    </li>`;
  }

  /** Runs a row's action; a refusal is shown on that row (the last-admin 409 with why). */
  private async onRow(id: string, action: () => Promise<unknown>) {
    this.rowError = null;
    try {
      await action();
      await this.load();
    } catch (error) {
      const lastAdmin = error instanceof ApiError && error.status === 409 && /admin/i.test(error.message);
      const message = error instanceof Error ? error.message : String(error);
      this.rowError = { id, message: lastAdmin ? `${message}. ${lastAdminHelp}` : message };
      await this.load();
    }
  }

  private changeRole(member: Member, event: Event) {
    const role = (event.target as HTMLSelectElement).value as MemberRole;
    void this.onRow(member.user_id, async () => {
      await api.members.changeRole(state.org!.id, member.user_id, role);
      if (member.user_id === state.me?.user.id) await state.reload();
    });
  }

  private async removeMember(member: Member, self: boolean) {
    const ok = await confirmAction(
      self
        ? { message: `Leave ${state.org?.name}? You lose access at once.`, confirmLabel: `Leave ${state.org?.name}` }
        : { message: `Remove ${member.email} from ${state.org?.name}?`, confirmLabel: `Remove ${member.email}` },
    );
    if (!ok) return;
    void this.onRow(member.user_id, async () => {
      await api.members.remove(state.org!.id, member.user_id);
      if (self) await state.reload();
    });
  }

  private async invite(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const { email = '', role = 'member' } = formValues(form);
    this.link = null;
    const ok = await this.inviteForm.run(async () => {
      this.link = await api.members.invite(state.org!.id, { email, role: role as MemberRole });
    });
    if (ok) {
      form.reset();
      await this.load();
    }
  }

  private resend(invitation: Invitation) {
    void this.onRow(invitation.id, async () => {
      this.link = await api.orgInvitations.resend(state.org!.id, invitation.id);
    });
  }

  private async revoke(invitation: Invitation) {
    const ok = await confirmAction({
      message: `Revoke the invitation of ${invitation.email}? Its link stops working.`,
      confirmLabel: 'Revoke invitation',
    });
    if (!ok) return;
    void this.onRow(invitation.id, () => api.orgInvitations.revoke(state.org!.id, invitation.id));
  }
}

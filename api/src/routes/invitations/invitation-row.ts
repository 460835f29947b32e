import type { MemberRole } from '../../contract/roles.ts';
import type { InvitationState } from './schema.ts';

/** An invitation row as selected by `invitationColumns`. */
export interface InvitationRow {
  id: string;
  org_id: string;
  email: string;
  role: MemberRole;
  invited_by: string | null;
  expires_at: string | Date;
  accepted_at: string | Date | null;
  accepted_by: string | null;
  revoked_at: string | Date | null;
  created_at: string | Date;
}

/** Every column but the token hash, which never leaves the database. */
export const invitationColumns =
  'id, org_id, email, role, invited_by, expires_at, accepted_at, accepted_by, revoked_at, created_at';

const iso = (value: string | Date) => new Date(value).toISOString();
const isoOrNull = (value: string | Date | null) => (value === null ? null : iso(value));

/** Accepted and revoked are final; otherwise the clock decides between pending and expired. */
export function invitationState(row: InvitationRow, now: Date): InvitationState {
  if (row.accepted_at) return 'accepted';
  if (row.revoked_at) return 'revoked';
  return new Date(row.expires_at).getTime() > now.getTime() ? 'pending' : 'expired';
}

/** The invitation as the API shows it. */
export function toInvitation(row: InvitationRow, now: Date) {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    state: invitationState(row, now),
    invited_by: row.invited_by,
    expires_at: iso(row.expires_at),
    accepted_at: isoOrNull(row.accepted_at),
    accepted_by: row.accepted_by,
    revoked_at: isoOrNull(row.revoked_at),
    created_at: iso(row.created_at),
  };
}

/** The audit-log form: what an admin may see later, never the token or its hash. */
export function invitationEventPayload(row: InvitationRow, now: Date) {
  const { id, email, role, state, expires_at } = toInvitation(row, now);
  return { invitation: { id, email, role, state, expires_at } };
}

/** "alice@example.com" → "a***@example.com": enough to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

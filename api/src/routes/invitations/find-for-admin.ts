import type { Queryable } from '../../db/types.ts';
import { conflict, notFound } from '../../errors.ts';
import { invitationColumns, invitationState, type InvitationRow } from './invitation-row.ts';

/**
 * The org's invitation `id`, locked for this transaction; 404 when it is not this org's, 409 when it
 * was already accepted (revoked ones are returned: revoking twice is harmless, resending is not).
 */
export async function findInvitationForChange(
  tx: Queryable,
  orgId: string,
  id: string,
  now: Date,
): Promise<InvitationRow> {
  const [row] = await tx.query<InvitationRow>(
    `select ${invitationColumns} from public.invitations where id = $1 and org_id = $2 for update`,
    [id, orgId],
  );
  if (!row) throw notFound('Invitation');
  if (invitationState(row, now) === 'accepted') throw conflict('This invitation was already accepted');
  return row;
}

import type { Queryable } from '../../db/types.ts';
import type { MemberRole } from '../../contract/roles.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';

/** A member as the API shows it. */
export interface MemberView {
  user_id: string;
  email: string;
  display_name: string | null;
  role: MemberRole;
  created_at: string;
}

type Row = Omit<MemberView, 'created_at'> & { created_at: string | Date };

/** Normalises a row of public.list_organization_members. */
export function toMember(row: Row): MemberView {
  return {
    user_id: row.user_id,
    email: row.email,
    display_name: row.display_name,
    role: row.role,
    created_at: new Date(row.created_at).toISOString(),
  };
}

/** One member of the org; 404 when they are not a member. */
export async function readMember(tx: Queryable, orgId: string, userId: string): Promise<MemberView> {
  // Used by admins (who share the org, so RLS shows the profile) and by the auth door for leaving.
  const [row] = await tx.query<Row>(
    `select m.user_id, coalesce(p.email, '') as email, p.display_name, m.role, m.created_at
     from public.organization_members m left join public.profiles p on p.user_id = m.user_id
     where m.org_id = $1 and m.user_id = $2`,
    [orgId, userId],
  );
  if (!row) throw notFound('Member');
  return toMember(row);
}

/**
 * For a write to a member row that matched no row. The access check ran in its own transaction, so by
 * the time the write's statement starts another admin may have demoted or removed the caller (RLS then
 * hides the row from the write, which is no error and fires no trigger) or removed the member: 404
 * when the member is gone, otherwise 403. Throwing rolls back anything the transaction wrote.
 */
export async function refuseUnmatchedWrite(tx: Queryable, orgId: string, userId: string): Promise<never> {
  await readMember(tx, orgId, userId);
  throw forbidden('Your role in this organization changed meanwhile: you can no longer change this member');
}

/** Runs `fn`; the database's last-admin guard (0020_teams.sql, SQLSTATE LA409) becomes a 409. */
export async function keepingLastAdmin<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'LA409') {
      throw new AppError('conflict', 'An organization needs at least one admin: make someone else admin first', {
        details: { reason: 'last_admin' },
      });
    }
    throw error;
  }
}

import type { Queryable } from '../db/types.ts';

/** The signed-in user as the API shows it (never a password hash or token). */
export interface AuthUser {
  id: string;
  email: string;
  email_verified: boolean;
  display_name: string | null;
  created_at: string;
}

/** Emails are compared case-insensitively everywhere; we store them lowercased (as Supabase does). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Reads one user (auth.users + profile) inside an auth-module transaction; null when absent. */
export async function loadAuthUser(tx: Queryable, userId: string): Promise<AuthUser | null> {
  const [row] = await tx.query<{
    id: string;
    email: string | null;
    email_confirmed_at: string | null;
    display_name: string | null;
    created_at: string | Date;
  }>(
    `select u.id, u.email, u.email_confirmed_at, p.display_name, u.created_at
     from auth.users u left join public.profiles p on p.user_id = u.id
     where u.id = $1`,
    [userId],
  );
  if (!row) return null;
  return {
    id: row.id,
    email: row.email ?? '',
    email_verified: row.email_confirmed_at !== null,
    display_name: row.display_name,
    created_at: new Date(row.created_at).toISOString(),
  };
}

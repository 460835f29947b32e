import type { Database } from '../db/types.ts';
import { asSystem } from '../db/doors.ts';

/** What we copy of a Supabase user into our auth.users. */
export interface MirroredUser {
  id: string;
  email: string | null;
  emailConfirmedAt?: string | null | undefined;
  displayName?: string | null | undefined;
}

/**
 * Makes sure a user verified by Supabase Auth has a row in our auth.users (memberships, profiles and
 * invitations reference it). On a real Supabase project this is the same table and the row is
 * already there: we only read, never write (the API's role may not write Supabase's auth schema).
 * Against a separate database (the stand-in in tests, or Supabase Auth with another Postgres) the
 * row is missing, and we insert it once; `on conflict do nothing` covers two first requests at once.
 */
export function userMirror(db: Database) {
  // Ids known to exist: one read per user and process, not one per request.
  const known = new Set<string>();
  return {
    async ensure(user: MirroredUser): Promise<void> {
      if (known.has(user.id)) return;
      await asSystem(db, 'auth', async (tx) => {
        const [row] = await tx.query('select 1 from auth.users where id = $1', [user.id]);
        if (row) return;
        await tx.query(
          `insert into auth.users (id, email, email_confirmed_at, raw_user_meta_data) values ($1, $2, $3, $4)
           on conflict do nothing`,
          [
            user.id,
            user.email?.toLowerCase() ?? null,
            user.emailConfirmedAt ?? null,
            JSON.stringify(user.displayName ? { display_name: user.displayName } : {}),
          ],
        );
      });
      known.add(user.id);
    },
  };
}

export type UserMirror = ReturnType<typeof userMirror>;

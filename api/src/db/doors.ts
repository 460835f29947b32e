import type { Database, Queryable } from './types.ts';

/** A signed-in user, as verified by the auth module (local JWT or Supabase JWT). */
export interface UserIdentity {
  userId: string;
}

/** A verified API key (the secret was checked by the auth module; this is what it names). */
export interface ApiKeyIdentity {
  keyId: string;
  orgId: string;
  scopes: readonly string[];
}

type RequestRole = 'anon' | 'authenticated' | 'service_role';

/**
 * Runs `fn` in one transaction under a request role with JWT-style claims, exactly as Supabase's
 * PostgREST does (`set local role` + `request.jwt.claims`). Both settings are transaction-local, so a
 * pooled connection never carries one request's identity into the next.
 */
async function runAs<T>(
  db: Database,
  role: RequestRole,
  claims: Record<string, unknown>,
  fn: (tx: Queryable) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await enterRole(tx, role, claims);
    return fn(tx);
  });
}

/**
 * Takes on a request role with its claims for the rest of the transaction `tx` (what every door
 * does first). Exported for the start-up warm-up, which acts as a member inside a system transaction.
 */
export async function enterRole(tx: Queryable, role: RequestRole, claims: Record<string, unknown>): Promise<void> {
  await tx.query(`select set_config('request.jwt.claims', $1, true), set_config('role', $2, true)`, [
    JSON.stringify(claims),
    role,
  ]);
}

/** The door for a signed-in user: RLS sees `auth.uid()` = the user. */
export function withUser<T>(db: Database, user: UserIdentity, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return runAs(db, 'authenticated', { sub: user.userId, role: 'authenticated' }, fn);
}

/** The door for an API key: RLS lets it act on its one org, at the level its scopes allow. */
export function withApiKey<T>(db: Database, key: ApiKeyIdentity, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return runAs(
    db,
    'authenticated',
    { role: 'authenticated', key_id: key.keyId, org_id: key.orgId, scopes: key.scopes },
    fn,
  );
}

/** The door for anonymous readers: only the public `security definer` functions answer. */
export function asAnon<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return runAs(db, 'anon', { role: 'anon' }, fn);
}

/**
 * The door for system jobs (scheduler, LISTEN reader, site renderer, snapshot builder) and the auth
 * module: `service_role`. Use only inside the modules that own those jobs, never for an org chosen by
 * unauthorised request input. `job` names the caller in the event log's actor.
 */
export function asSystem<T>(db: Database, job: string, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return runAs(db, 'service_role', { role: 'service_role', job }, fn);
}

import type { Database } from '../db/types.ts';
import { asSystem } from '../db/doors.ts';
import type { ApiKeyScope } from '../contract/roles.ts';
import { hashApiKeySecret, hashesEqual, looksLikeApiKey } from './api-key-secret.ts';

export interface VerifiedApiKey {
  keyId: string;
  orgId: string;
  scopes: ApiKeyScope[];
}

// Recording every use would write on every request; a minute's precision is what people need.
const lastUsedPrecisionMs = 60_000;

/** Checks an API key secret (the auth module's door); null for unknown, malformed or revoked keys. */
export async function verifyApiKey(db: Database, secret: string, now: Date): Promise<VerifiedApiKey | null> {
  if (!looksLikeApiKey(secret)) return null;
  const hash = hashApiKeySecret(secret);
  return asSystem(db, 'auth', async (tx) => {
    const [row] = await tx.query<{
      id: string;
      org_id: string;
      scopes: ApiKeyScope[];
      key_hash: string;
      last_used_at: string | null;
    }>(
      `select id, org_id, scopes, key_hash, last_used_at from public.api_keys
       where key_hash = $1 and revoked_at is null`,
      [hash],
    );
    if (!row || !hashesEqual(row.key_hash, hash)) return null;
    const lastUsed = row.last_used_at ? new Date(row.last_used_at).getTime() : 0;
    if (now.getTime() - lastUsed > lastUsedPrecisionMs) {
      await tx.query('update public.api_keys set last_used_at = $2 where id = $1', [row.id, now.toISOString()]);
    }
    return { keyId: row.id, orgId: row.org_id, scopes: row.scopes };
  });
}

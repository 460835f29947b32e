import type { Database } from '../db/types.ts';
import { asSystem } from '../db/doors.ts';
import type { AccessTokenVerifier } from './caller.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SessionGateOptions {
  /** How long a session seen active is trusted without asking again (another process may end it). */
  activeTtlMs?: number;
  /** How many session ids each cache keeps (oldest forgotten first). */
  maxEntries?: number;
}

/**
 * Whether an access token's session (its sign-in's refresh-token family) is still on. A JWT alone
 * stays valid until `exp`, 15 minutes after a logout, "sign out everywhere", a password change or a
 * reset; this closes that window. Cheap: a session seen active is trusted for `activeTtlMs` (one
 * indexed lookup per session and interval, not per request), an ended one is remembered, and this
 * process marks the sessions it ends at once (`ended`). Another API process sees an end within
 * `activeTtlMs`. Public routes never authenticate, so they never pay for it.
 */
export function createSessionGate(db: Database, { activeTtlMs = 2_000, maxEntries = 10_000 }: SessionGateOptions = {}) {
  const activeSince = new Map<string, number>();
  const endedIds = new Set<string>();

  const remember = <T>(map: Map<string, T> | Set<string>, add: () => void) => {
    add();
    if (map.size > maxEntries) map.delete(map.keys().next().value!);
  };

  async function isActive(sessionId: string): Promise<boolean> {
    if (!uuid.test(sessionId) || endedIds.has(sessionId)) return false;
    const seen = activeSince.get(sessionId);
    if (seen !== undefined && performance.now() - seen < activeTtlMs) return true;
    const [row] = await asSystem(db, 'auth', (tx) =>
      tx.query<{ active: boolean }>(
        'select exists (select 1 from public.refresh_tokens where family_id = $1 and revoked_at is null) as active',
        [sessionId],
      ),
    );
    if (row?.active) {
      activeSince.delete(sessionId);
      remember(activeSince, () => activeSince.set(sessionId, performance.now()));
      return true;
    }
    activeSince.delete(sessionId);
    remember(endedIds, () => endedIds.add(sessionId));
    return false;
  }

  return {
    isActive,
    /** Sessions this process just ended (after their transaction committed): refused from now on. */
    ended(sessionIds: readonly string[]): void {
      for (const id of sessionIds) {
        activeSince.delete(id);
        remember(endedIds, () => endedIds.add(id));
      }
    },
    /** `verifier` with sessions checked: a token without a session, or of an ended one, is refused. */
    guard(verifier: AccessTokenVerifier): AccessTokenVerifier {
      return {
        async verify(token) {
          const verified = await verifier.verify(token);
          if (!verified?.sessionId) return null;
          return (await isActive(verified.sessionId)) ? verified : null;
        },
      };
    },
  };
}

export type SessionGate = ReturnType<typeof createSessionGate>;

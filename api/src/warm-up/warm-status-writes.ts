import { randomBytes, randomUUID } from 'node:crypto';
import { createApp } from '../app.ts';
import { createDeps } from '../deps.ts';
import type { Deps } from '../http/app-env.ts';
import type { Queryable } from '../db/types.ts';
import { asSystem } from '../db/doors.ts';
import { rollbackDatabase } from '../db/rollback-database.ts';
import { localAccessTokens } from '../auth/local-jwt.ts';
import { issueRefreshToken } from '../auth/refresh-tokens.ts';
import { createLogger } from '../logger.ts';
import { createMetrics } from '../metrics/metrics.ts';

/**
 * How many writes the warm-up sends (~10 ms each on PGlite). The extra cost of the first changes
 * fades over several writes as V8 moves the code up its tiers: after 8 the first change still took
 * 1.3× the tenth, after 20 it did not (docs/benchmarks.md, "Write path").
 */
export const warmUpWrites = 20;

/**
 * Sends status writes (`POST …/services/:id/status`) through the whole app at start, and keeps none
 * of them. The first changes after start otherwise paid for what a process does once: V8 compiling
 * and then optimising the route's JavaScript (middleware, access check, zod, the door, the write,
 * the answer) as it repeats, and on PGlite the first execution of each statement, trigger and row
 * level security policy on this connection. The first change took ~1.4× the tenth.
 *
 * Everything happens in one transaction of `deps.db` inside a savepoint that is rolled back: a
 * scratch org with one service, a member and their session; an app of its own (a silent log, its
 * own metrics, tokens signed with a throwaway secret) over a database whose every transaction is a
 * savepoint rolled back after its commit-time triggers ran (rollback-database.ts). So no row, event,
 * notification, log line or request metric remains, and no real row is locked meanwhile. Resolves
 * to each write's duration in ms.
 */
export async function warmStatusWrites(deps: Deps, writes = warmUpWrites): Promise<number[]> {
  return asSystem(deps.db, 'warm-up', async (outer) => {
    await outer.exec('savepoint warm_up');
    try {
      return await writeThroughApp(deps, outer, writes);
    } finally {
      await outer.exec('rollback to savepoint warm_up; release savepoint warm_up');
    }
  });
}

async function writeThroughApp(deps: Deps, outer: Queryable, writes: number): Promise<number[]> {
  const { userId, sessionId, orgId, serviceId } = await createScratchMember(outer, deps.clock.now());
  const tokens = localAccessTokens(randomBytes(32));
  const app = createApp(
    createDeps({ ...deps.env, AUTH_PROVIDER: 'local' }, rollbackDatabase(deps.db.kind, outer), {
      log: createLogger('silent'),
      metrics: createMetrics(),
      clock: deps.clock,
      localTokens: tokens,
      mail: deps.mail,
      outbound: deps.outbound,
    }),
  );
  const headers = {
    Authorization: `Bearer ${await tokens.sign(userId, null, sessionId, deps.clock.now())}`,
    'Content-Type': 'application/json',
  };
  const path = `/api/organizations/${orgId}/services/${serviceId}/status`;
  const durations: number[] = [];
  for (let i = 0; i < writes; i++) {
    const started = performance.now();
    const status = i % 2 === 0 ? 'degraded_performance' : 'operational';
    const res = await app.request(path, { method: 'POST', headers, body: JSON.stringify({ status }) });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`warm-up write answered ${res.status}: ${body}`);
    durations.push(performance.now() - started);
  }
  return durations;
}

/** An org with one operational service, a member of it and a signed-in session of theirs. */
async function createScratchMember(tx: Queryable, now: Date) {
  const tag = randomUUID();
  const [org] = await tx.query<{ id: string }>(
    'insert into public.organizations (slug, name) values ($1, $2) returning id',
    [`warm-up-${tag.slice(0, 8)}`, 'Warm-up'],
  );
  const [service] = await tx.query<{ id: string }>(
    `insert into public.services (org_id, slug, name) values ($1, 'warm-up', 'Warm-up') returning id`,
    [org!.id],
  );
  const [user] = await tx.query<{ id: string }>('insert into auth.users (email) values ($1) returning id', [
    `warm-up-${tag}@warm-up.invalid`,
  ]);
  await tx.query(`insert into public.organization_members (org_id, user_id, role) values ($1, $2, 'member')`, [
    org!.id,
    user!.id,
  ]);
  const sessionId = randomUUID();
  await issueRefreshToken(tx, user!.id, now, sessionId);
  return { userId: user!.id, sessionId, orgId: org!.id, serviceId: service!.id };
}

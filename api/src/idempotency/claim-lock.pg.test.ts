import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createService, createTenantWorld, type TenantWorld } from '../../test/fixtures.ts';
import { asSystem } from '../db/doors.ts';

/** A promise with its resolver, for handing a step over between two sessions. */
function signal() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

// A claim meets a row lock only when another request with the same key is claiming, committing its
// write or storing its answer. It must answer 409 within its lock timeout (1 s), not wait for that
// request: a second session holds the key row here for as long as the test wants, which a single
// PGlite connection cannot do.
describe('Idempotency-Key claim while another session holds the key row (PostgreSQL server)', () => {
  let t: TestContext;
  let world: TenantWorld;
  let member: string;
  let statusPath: string;
  const post = (key: string, status: string) =>
    t.app.request(statusPath, {
      method: 'POST',
      headers: { Authorization: `Bearer ${member}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify({ status }),
    });

  /** Locks the row of `key` (`for update`) in its own session until `release()`. */
  const holdKeyRow = async (key: string) => {
    const locked = signal();
    const release = signal();
    const session = asSystem(t.db, 'test', async (tx) => {
      const rows = await tx.query('select id from public.idempotency_keys where org_id = $1 and key = $2 for update', [
        world.orgA.id,
        key,
      ]);
      expect(rows).toHaveLength(1);
      locked.resolve();
      await release.promise;
    });
    await Promise.race([locked.promise, session]);
    return async () => {
      release.resolve();
      await session;
    };
  };

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    member = await t.tokens.sign(world.users.memberA.id, world.users.memberA.email);
    const service = await createService(t.db, world.orgA.id);
    statusPath = `/api/organizations/${world.orgA.id}/services/${service.id}/status`;
  });
  afterAll(() => t.close());

  it('answers a duplicate 409 with Retry-After promptly while the key row is held, then replays', async () => {
    const first = await post('held-1', 'partial_outage');
    expect(first.status).toBe(200);
    const release = await holdKeyRow('held-1');
    const started = performance.now();
    const duplicate = await post('held-1', 'partial_outage');
    const waited = performance.now() - started;
    await release();
    expect(duplicate.status).toBe(409);
    expect(duplicate.headers.get('retry-after')).toBe('1');
    expect(waited).toBeLessThan(5_000);
    const replay = await post('held-1', 'partial_outage');
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(await first.json());
  });

  it('does not let a held expired row of another key hold up a new claim', async () => {
    expect((await post('held-2', 'degraded_performance')).status).toBe(200);
    t.clock.advance(24 * 60 * 60 * 1000 + 1000); // held-2 has expired: the next claim sweeps it
    const release = await holdKeyRow('held-2');
    let other: Response;
    try {
      other = await post('held-3', 'major_outage');
    } finally {
      await release();
    }
    expect(other.status).toBe(200);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    // Released, the expired row is swept by the next claim and the key runs anew.
    const again = await post('held-2', 'degraded_performance');
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
  });
});

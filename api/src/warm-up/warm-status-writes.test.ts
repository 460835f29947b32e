import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { startSupabaseContext } from '../../test/supabase-context.ts';
import { createOrg, createService } from '../../test/fixtures.ts';
import { asSystem } from '../db/doors.ts';
import type { Database } from '../db/types.ts';
import { setManualStatus } from '../status/set-manual-status.ts';
import { warmStatusWrites, warmUpWrites } from './warm-status-writes.ts';

/** Every row of every table the app writes, counted, and the rows a write to a real service changes. */
async function databaseState(db: Database) {
  const tables = await db.query<{ name: string }>(
    `select format('%I.%I', table_schema, table_name) as name from information_schema.tables
     where table_schema in ('public', 'private', 'auth') and table_type = 'BASE TABLE' order by 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    counts[name] = (await db.query<{ n: number }>(`select count(*)::int as n from ${name}`))[0]!.n;
  }
  return {
    counts,
    services: await db.query('select id, status, manual_status, updated_at from public.services order by id'),
    orgs: await db.query<{ id: string; last_event_seq: number }>(
      'select id, last_event_seq from public.organizations order by id',
    ),
  };
}

describe('warmStatusWrites', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('sends its writes through the app and leaves no row, event, notification or request metric', async () => {
    const org = await createOrg(t.db);
    const service = await createService(t.db, org.id, { manual_status: 'operational', status: 'operational' });
    // The first notification after listening: had the warm-up notified, it would be that one.
    let first: (payload: string) => void = () => {};
    const firstNotification = new Promise<string>((resolve) => (first = resolve));
    const unlisten = await t.db.listen('status_events', (payload) => first(payload));
    const before = await databaseState(t.db);
    expect(before.counts['public.services']).toBe(1);

    const durations = await warmStatusWrites(t.deps);
    expect(durations).toHaveLength(warmUpWrites);
    expect(await databaseState(t.db)).toEqual(before);
    // Its requests went to an app of its own: this app's request metric has not seen the route.
    expect(await t.deps.metrics.register.getSingleMetricAsString('lantern_http_requests_total')).not.toContain(
      '/status',
    );

    // A real change afterwards gets the next seq and the only notification: the warm-up used none.
    await asSystem(t.db, 'test', (tx) =>
      setManualStatus(tx, org.id, service.id, 'major_outage', { source: 'manual', message: null }),
    );
    const seq = Number(before.orgs.find((o) => o.id === org.id)!.last_event_seq) + 1;
    const [event] = await t.db.query('select seq from public.status_events where org_id = $1', [org.id]);
    expect(Number(event!.seq)).toBe(seq);
    expect(await firstNotification).toBe(`${org.id}:${seq}`);
    await unlisten();
  });

  it('runs again on the same database (a restart) and still changes nothing', async () => {
    const before = await databaseState(t.db);
    await expect(warmStatusWrites(t.deps, 2)).resolves.toHaveLength(2);
    expect(await databaseState(t.db)).toEqual(before);
  });
});

describe('warmStatusWrites with AUTH_PROVIDER=supabase', () => {
  it('warms the same route: its scratch member signs in locally, with a secret of its own', async () => {
    const { t, close } = await startSupabaseContext({ mode: 'jwks' });
    try {
      const before = await databaseState(t.db);
      await expect(warmStatusWrites(t.deps)).resolves.toHaveLength(warmUpWrites);
      expect(await databaseState(t.db)).toEqual(before);
    } finally {
      await close();
    }
  });
});

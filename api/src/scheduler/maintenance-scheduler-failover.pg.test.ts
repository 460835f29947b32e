import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createTenantWorld, type TenantWorld } from '../../test/fixtures.ts';
import { call } from '../routes/incidents/test-kit.ts';
import type { Database } from '../db/types.ts';
import { openPostgres } from '../db/postgres.ts';
import { createMaintenanceScheduler, type MaintenanceScheduler } from './maintenance-scheduler.ts';

const minute = 60_000;
const hour = 60 * minute;

describe('maintenance scheduler fail-over (PostgreSQL server)', () => {
  let t: TestContext;
  let world: TenantWorld;
  let member: string;
  let base: string;
  const schedulers: MaintenanceScheduler[] = [];

  const newScheduler = (db: Database = t.db) => {
    const scheduler = createMaintenanceScheduler({ db, clock: t.clock, log: t.deps.log, databaseUrl: t.url });
    schedulers.push(scheduler);
    return scheduler;
  };
  const at = (offsetMs: number) => new Date(t.clock.now().getTime() + offsetMs).toISOString();
  const schedule = async (startIn: number, endIn: number, serviceIds: string[], title = 'Upgrade') => {
    const res = await call(t, 'POST', base, member, {
      title,
      starts_at: at(startIn),
      ends_at: at(endIn),
      service_ids: serviceIds,
    });
    expect(res.status).toBe(201);
    return res.body.data as { id: string; starts_at: string; ends_at: string };
  };

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    member = await t.tokens.sign(world.users.memberA.id, world.users.memberA.email);
    base = `/api/organizations/${world.orgA.id}/maintenances`;
  });
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));
  });
  afterAll(() => t.close());

  // Only a server has sessions that can die; PGlite's lock lives and dies with its one process.
  it("hands over when the leader's lock connection dies", async () => {
    const secondDb = openPostgres({ url: t.url!, max: 2 });
    const leader = newScheduler();
    const standby = newScheduler(secondDb);
    expect((await leader.tick()).leader).toBe(true);
    expect((await standby.tick()).leader).toBe(false);
    const [lock] = await t.db.query<{ pid: number }>(
      `select pid from pg_locks where locktype = 'advisory' and granted
       and database = (select oid from pg_database where datname = current_database())`,
    );
    await t.db.query('select pg_terminate_backend($1)', [lock!.pid]);
    await vi.waitFor(async () => {
      const alive = await t.db.query('select 1 from pg_stat_activity where pid = $1', [lock!.pid]);
      expect(alive).toEqual([]);
    });
    const m = await schedule(minute, hour, []);
    t.clock.advance(2 * minute);
    expect(await standby.tick()).toMatchObject({ leader: true, started: [m.id] });
    expect((await leader.tick()).leader).toBe(false);
    await standby.stop();
    await secondDb.close();
  });
});

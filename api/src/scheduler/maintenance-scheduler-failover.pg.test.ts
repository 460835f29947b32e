import { describe, expect, it, vi } from 'vitest';
import { openPostgres } from '../db/postgres.ts';
import { useSchedulerKit, minute, hour } from './scheduler-test-kit.ts';

describe('maintenance scheduler fail-over (PostgreSQL server)', () => {
  const kit = useSchedulerKit();

  // Only a server has sessions that can die; PGlite's lock lives and dies with its one process.
  it("hands over when the leader's lock connection dies", async () => {
    const secondDb = openPostgres({ url: kit.t.url!, max: 2 });
    const leader = kit.newScheduler();
    const standby = kit.newScheduler(secondDb);
    expect((await leader.tick()).leader).toBe(true);
    expect((await standby.tick()).leader).toBe(false);
    const [lock] = await kit.t.db.query<{ pid: number }>(
      `select pid from pg_locks where locktype = 'advisory' and granted
       and database = (select oid from pg_database where datname = current_database())`,
    );
    await kit.t.db.query('select pg_terminate_backend($1)', [lock!.pid]);
    await vi.waitFor(async () => {
      const alive = await kit.t.db.query('select 1 from pg_stat_activity where pid = $1', [lock!.pid]);
      expect(alive).toEqual([]);
    });
    const m = await kit.schedule(minute, hour, []);
    kit.t.clock.advance(2 * minute);
    expect(await standby.tick()).toMatchObject({ leader: true, started: [m.id] });
    expect((await leader.tick()).leader).toBe(false);
    await standby.stop();
    await secondDb.close();
  });
});

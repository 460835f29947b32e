import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createService, createTenantWorld, type TenantWorld } from '../../test/fixtures.ts';
import { call, eventsOf, historyOf, statusesOf } from '../routes/incidents/test-kit.ts';
import type { Database } from '../db/types.ts';
import { openPostgres } from '../db/postgres.ts';
import { createMaintenanceScheduler, type MaintenanceScheduler } from './maintenance-scheduler.ts';

const minute = 60_000;
const hour = 60 * minute;

describe('maintenance scheduler', () => {
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
  const get = async (id: string) => (await call(t, 'GET', `${base}/${id}`, member)).body.data;

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

  it('starts a window at its instant and completes it at its end, with an incident in between', async () => {
    const scheduler = newScheduler();
    const db = await createService(t.db, world.orgA.id, { name: 'Database' });
    const web = await createService(t.db, world.orgA.id, { name: 'Web' });
    const m = await schedule(hour, 3 * hour, [db.id, web.id]);
    expect(m).toMatchObject({ status: 'scheduled', started_at: null });

    expect(await scheduler.tick()).toEqual({ leader: true, started: [], completed: [], missed: [] });
    t.clock.current = new Date(Date.parse(m.starts_at) - 1);
    expect((await scheduler.tick()).started).toEqual([]);
    t.clock.current = new Date(m.starts_at);
    expect((await scheduler.tick()).started).toEqual([m.id]);
    expect(await statusesOf(t.db, [db.id, web.id])).toEqual({
      [db.id]: 'under_maintenance',
      [web.id]: 'under_maintenance',
    });
    expect(await historyOf(t.db, db.id)).toEqual([
      expect.objectContaining({
        status: 'under_maintenance',
        previous_status: 'operational',
        source: 'maintenance',
        maintenance_id: m.id,
      }),
    ]);
    expect(await get(m.id)).toMatchObject({
      status: 'in_progress',
      started_at: m.starts_at,
      updates: [{ status: 'in_progress', author_id: null }],
    });

    // An incident during the maintenance shows through it; the other service stays under maintenance.
    t.clock.advance(30 * minute);
    const incident = await call(t, 'POST', `/api/organizations/${world.orgA.id}/incidents`, member, {
      title: 'Replica lag',
      services: [{ service_id: db.id, status: 'partial_outage' }],
      message: 'Lagging',
    });
    expect(await statusesOf(t.db, [db.id, web.id])).toEqual({
      [db.id]: 'partial_outage',
      [web.id]: 'under_maintenance',
    });

    // The maintenance ends while the incident still holds.
    t.clock.current = new Date(m.ends_at);
    expect((await scheduler.tick()).completed).toEqual([m.id]);
    expect(await statusesOf(t.db, [db.id, web.id])).toEqual({ [db.id]: 'partial_outage', [web.id]: 'operational' });
    expect(await get(m.id)).toMatchObject({ status: 'completed', completed_at: m.ends_at });
    await call(t, 'POST', `/api/organizations/${world.orgA.id}/incidents/${incident.body.data.id}/resolve`, member);
    expect(await statusesOf(t.db, [db.id])).toEqual({ [db.id]: 'operational' });
    expect((await historyOf(t.db, web.id)).map((h) => [h.status, h.source, h.maintenance_id])).toEqual([
      ['under_maintenance', 'maintenance', m.id],
      ['operational', 'maintenance', m.id],
    ]);
    const events = (await eventsOf(t.db, world.orgA.id, 'maintenance.')).filter(
      (e) => e.payload.maintenance.id === m.id,
    );
    expect(events.map((e) => e.type)).toEqual(['maintenance.created', 'maintenance.started', 'maintenance.completed']);
    expect(events.at(-1)!.payload.maintenance).toEqual(await get(m.id));
    const actors = await t.db.query<{ actor: { type: string } }>(
      `select actor from public.status_events where org_id = $1 and type = 'maintenance.started'`,
      [world.orgA.id],
    );
    expect(actors[0]!.actor.type).toBe('system');
  });

  it('catches up after being stopped: a passed window is completed without starting, a running one starts', async () => {
    const svc = await createService(t.db, world.orgA.id);
    const passed = await schedule(hour, 2 * hour, [svc.id], 'Missed');
    const running = await schedule(hour, 6 * hour, [], 'Still running');
    const first = newScheduler();
    first.start();
    await first.tick();
    await first.stop();

    t.clock.advance(3 * hour);
    const second = newScheduler();
    second.start();
    const result = await second.tick(); // shares the round start() began
    expect(result).toMatchObject({ leader: true, missed: [passed.id], started: [running.id] });
    expect(await get(passed.id)).toMatchObject({
      status: 'completed',
      started_at: null,
      completed_at: passed.ends_at,
      updates: [{ status: 'completed', created_at: passed.ends_at }],
    });
    // Never started late: the service never showed under_maintenance, so its history is untouched.
    expect(await statusesOf(t.db, [svc.id])).toEqual({ [svc.id]: 'operational' });
    expect(await historyOf(t.db, svc.id)).toEqual([]);
    expect((await get(running.id)).status).toBe('in_progress');
    expect(
      (await eventsOf(t.db, world.orgA.id, 'maintenance.completed')).map((e) => e.payload.maintenance.id),
    ).toContain(passed.id);
  });

  it('runs in one instance only; a standby takes over when the leader stops', async () => {
    // On the PostgreSQL server the two instances share nothing but the database, as two processes.
    const secondDb = t.url ? openPostgres({ url: t.url, max: 2 }) : t.db;
    const leader = newScheduler();
    const standby = newScheduler(secondDb);
    const svc = await createService(t.db, world.orgA.id);
    const m = await schedule(minute, hour, [svc.id]);
    t.clock.advance(2 * minute);
    const [a, b] = await Promise.all([leader.tick(), standby.tick()]);
    expect([a.leader, b.leader].sort()).toEqual([false, true]);
    expect([...a.started, ...b.started]).toEqual([m.id]);
    const [actual, other] = a.leader ? [leader, standby] : [standby, leader];
    expect((await other.tick()).leader).toBe(false);
    await actual.stop();
    t.clock.advance(hour);
    expect(await other.tick()).toMatchObject({ leader: true, completed: [m.id] });
    await other.stop();
    if (secondDb !== t.db) await secondDb.close();
  });
});

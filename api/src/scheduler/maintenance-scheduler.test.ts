import { describe, expect, it } from 'vitest';
import { createService } from '../../test/fixtures.ts';
import { call, eventsOf, historyOf, statusesOf } from '../routes/incidents/test-kit.ts';
import { openPostgres } from '../db/postgres.ts';
import { useSchedulerKit, minute, hour } from './scheduler-test-kit.ts';

describe('maintenance scheduler', () => {
  const kit = useSchedulerKit();

  it('starts a window at its instant and completes it at its end, with an incident in between', async () => {
    const scheduler = kit.newScheduler();
    const db = await createService(kit.t.db, kit.world.orgA.id, { name: 'Database' });
    const web = await createService(kit.t.db, kit.world.orgA.id, { name: 'Web' });
    const m = await kit.schedule(hour, 3 * hour, [db.id, web.id]);
    expect(m).toMatchObject({ status: 'scheduled', started_at: null });

    expect(await scheduler.tick()).toEqual({ leader: true, started: [], completed: [], missed: [] });
    kit.t.clock.current = new Date(Date.parse(m.starts_at) - 1);
    expect((await scheduler.tick()).started).toEqual([]);
    kit.t.clock.current = new Date(m.starts_at);
    expect((await scheduler.tick()).started).toEqual([m.id]);
    expect(await statusesOf(kit.t.db, [db.id, web.id])).toEqual({
      [db.id]: 'under_maintenance',
      [web.id]: 'under_maintenance',
    });
    expect(await historyOf(kit.t.db, db.id)).toEqual([
      expect.objectContaining({
        status: 'under_maintenance',
        previous_status: 'operational',
        source: 'maintenance',
        maintenance_id: m.id,
      }),
    ]);
    expect(await kit.get(m.id)).toMatchObject({
      status: 'in_progress',
      started_at: m.starts_at,
      updates: [{ status: 'in_progress', author_id: null }],
    });

    // An incident during the maintenance shows through it; the other service stays under maintenance.
    kit.t.clock.advance(30 * minute);
    const incident = await call(kit.t, 'POST', `/api/organizations/${kit.world.orgA.id}/incidents`, kit.member, {
      title: 'Replica lag',
      services: [{ service_id: db.id, status: 'partial_outage' }],
      message: 'Lagging',
    });
    expect(await statusesOf(kit.t.db, [db.id, web.id])).toEqual({
      [db.id]: 'partial_outage',
      [web.id]: 'under_maintenance',
    });

    // The maintenance ends while the incident still holds.
    kit.t.clock.current = new Date(m.ends_at);
    expect((await scheduler.tick()).completed).toEqual([m.id]);
    expect(await statusesOf(kit.t.db, [db.id, web.id])).toEqual({ [db.id]: 'partial_outage', [web.id]: 'operational' });
    expect(await kit.get(m.id)).toMatchObject({ status: 'completed', completed_at: m.ends_at });
    await call(
      kit.t,
      'POST',
      `/api/organizations/${kit.world.orgA.id}/incidents/${incident.body.data.id}/resolve`,
      kit.member,
    );
    expect(await statusesOf(kit.t.db, [db.id])).toEqual({ [db.id]: 'operational' });
    expect((await historyOf(kit.t.db, web.id)).map((h) => [h.status, h.source, h.maintenance_id])).toEqual([
      ['under_maintenance', 'maintenance', m.id],
      ['operational', 'maintenance', m.id],
    ]);
    const events = (await eventsOf(kit.t.db, kit.world.orgA.id, 'maintenance.')).filter(
      (e) => e.payload.maintenance.id === m.id,
    );
    expect(events.map((e) => e.type)).toEqual(['maintenance.created', 'maintenance.started', 'maintenance.completed']);
    expect(events.at(-1)!.payload.maintenance).toEqual(await kit.get(m.id));
    const actors = await kit.t.db.query<{ actor: { type: string } }>(
      `select actor from public.status_events where org_id = $1 and type = 'maintenance.started'`,
      [kit.world.orgA.id],
    );
    expect(actors[0]!.actor.type).toBe('system');
  });

  it('catches up after being stopped: a passed window is completed without starting, a running one starts', async () => {
    const svc = await createService(kit.t.db, kit.world.orgA.id);
    const passed = await kit.schedule(hour, 2 * hour, [svc.id], 'Missed');
    const running = await kit.schedule(hour, 6 * hour, [], 'Still running');
    const first = kit.newScheduler();
    first.start();
    await first.tick();
    await first.stop();

    kit.t.clock.advance(3 * hour);
    const second = kit.newScheduler();
    second.start();
    const result = await second.tick(); // shares the round start() began
    expect(result).toMatchObject({ leader: true, missed: [passed.id], started: [running.id] });
    expect(await kit.get(passed.id)).toMatchObject({
      status: 'completed',
      started_at: null,
      completed_at: passed.ends_at,
      updates: [{ status: 'completed', created_at: passed.ends_at }],
    });
    // Never started late: the service never showed under_maintenance, so its history is untouched.
    expect(await statusesOf(kit.t.db, [svc.id])).toEqual({ [svc.id]: 'operational' });
    expect(await historyOf(kit.t.db, svc.id)).toEqual([]);
    expect((await kit.get(running.id)).status).toBe('in_progress');
    expect(
      (await eventsOf(kit.t.db, kit.world.orgA.id, 'maintenance.completed')).map((e) => e.payload.maintenance.id),
    ).toContain(passed.id);
  });

  it('runs in one instance only; a standby takes over when the leader stops', async () => {
    // On the PostgreSQL server the two instances share nothing but the database, as two processes.
    const secondDb = kit.t.url ? openPostgres({ url: kit.t.url, max: 2 }) : kit.t.db;
    const leader = kit.newScheduler();
    const standby = kit.newScheduler(secondDb);
    const svc = await createService(kit.t.db, kit.world.orgA.id);
    const m = await kit.schedule(minute, hour, [svc.id]);
    kit.t.clock.advance(2 * minute);
    const [a, b] = await Promise.all([leader.tick(), standby.tick()]);
    expect([a.leader, b.leader].sort()).toEqual([false, true]);
    expect([...a.started, ...b.started]).toEqual([m.id]);
    const [actual, other] = a.leader ? [leader, standby] : [standby, leader];
    expect((await other.tick()).leader).toBe(false);
    await actual.stop();
    kit.t.clock.advance(hour);
    expect(await other.tick()).toMatchObject({ leader: true, completed: [m.id] });
    await other.stop();
    if (secondDb !== kit.t.db) await secondDb.close();
  });
});

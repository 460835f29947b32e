import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createService, createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';
import { call, eventsOf, historyOf, statusesOf } from './test-kit.ts';

describe('incident lifecycle', () => {
  let t: TestContext;
  let world: TenantWorld;
  let member: string;
  let base: string;

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    member = await t.tokens.sign(world.users.memberA.id, world.users.memberA.email);
    base = `/api/organizations/${world.orgA.id}/incidents`;
  });
  afterAll(() => t.close());

  const tick = () => t.clock.advance(1000);

  it('opens an incident on two services, holds them, and records the incident as the cause', async () => {
    const api = await createService(t.db, world.orgA.id, { name: 'API' });
    const web = await createService(t.db, world.orgA.id, { name: 'Web' });
    const created = await call(t, 'POST', base, member, {
      title: 'Elevated errors',
      impact: 'major',
      services: [
        { service_id: api.id, status: 'major_outage' },
        { service_id: web.id, status: 'degraded_performance' },
      ],
      message: 'We are looking into it.',
    });
    expect(created.status).toBe(201);
    const incident = created.body.data;
    expect(incident).toMatchObject({
      title: 'Elevated errors',
      status: 'investigating',
      impact: 'major',
      resolved_at: null,
      created_by: world.users.memberA.id,
      services: expect.arrayContaining([
        { service_id: api.id, name: 'API', status: 'major_outage' },
        { service_id: web.id, name: 'Web', status: 'degraded_performance' },
      ]),
      updates: [
        {
          status: 'investigating',
          message: 'We are looking into it.',
          author_id: world.users.memberA.id,
          author_key_id: null,
        },
      ],
    });
    expect(await statusesOf(t.db, [api.id, web.id])).toEqual({
      [api.id]: 'major_outage',
      [web.id]: 'degraded_performance',
    });
    for (const id of [api.id, web.id]) {
      expect(await historyOf(t.db, id)).toEqual([
        expect.objectContaining({ previous_status: 'operational', source: 'incident', incident_id: incident.id }),
      ]);
    }
    const [event] = await eventsOf(t.db, world.orgA.id, 'incident.');
    expect(event).toMatchObject({
      type: 'incident.created',
      payload: { incident: { id: incident.id, services: expect.any(Array), updates: expect.any(Array) } },
    });

    // Change the services: API drops out, Web gets worse.
    tick();
    const edited = await call(t, 'PUT', `${base}/${incident.id}`, member, {
      services: [{ service_id: web.id, status: 'partial_outage' }],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.data.services).toEqual([{ service_id: web.id, name: 'Web', status: 'partial_outage' }]);
    expect(await statusesOf(t.db, [api.id, web.id])).toEqual({ [api.id]: 'operational', [web.id]: 'partial_outage' });

    // An update moves the status; a resolving update ends the holds.
    tick();
    const identified = await call(t, 'POST', `${base}/${incident.id}/updates`, member, {
      status: 'identified',
      message: 'Found it.',
    });
    expect(identified.status).toBe(201);
    expect(identified.body.data.status).toBe('identified');
    tick();
    const resolved = await call(t, 'POST', `${base}/${incident.id}/updates`, member, {
      status: 'resolved',
      message: 'Fixed.',
    });
    expect(resolved.status).toBe(201);
    expect(resolved.body.data).toMatchObject({ status: 'resolved', resolved_at: t.clock.now().toISOString() });
    expect(resolved.body.data.updates.map((u: { status: string }) => u.status)).toEqual([
      'resolved',
      'identified',
      'investigating',
    ]);
    expect(await statusesOf(t.db, [api.id, web.id])).toEqual({ [api.id]: 'operational', [web.id]: 'operational' });
    expect((await historyOf(t.db, web.id)).map((h) => [h.status, h.source, h.incident_id])).toEqual([
      ['degraded_performance', 'incident', incident.id],
      ['partial_outage', 'incident', incident.id],
      ['operational', 'incident', incident.id],
    ]);
    const types = (await eventsOf(t.db, world.orgA.id, 'incident')).map((e) => e.type);
    expect(types).toEqual([
      'incident.created',
      'incident.updated',
      'incident_update.created',
      'incident_update.created',
      'incident.resolved',
    ]);
    const last = (await eventsOf(t.db, world.orgA.id, 'incident.resolved')).at(-1)!;
    expect(last.payload.incident).toEqual(resolved.body.data);
  });

  it('keeps the worst of overlapping incidents, and the other after the first resolves', async () => {
    const svc = await createService(t.db, world.orgA.id);
    const first = await call(t, 'POST', base, member, {
      title: 'One',
      services: [{ service_id: svc.id, status: 'partial_outage' }],
      message: 'm',
    });
    const second = await call(t, 'POST', base, member, {
      title: 'Two',
      services: [{ service_id: svc.id, status: 'major_outage' }],
      message: 'm',
    });
    expect(await statusesOf(t.db, [svc.id])).toEqual({ [svc.id]: 'major_outage' });
    const resolveSecond = await call(t, 'POST', `${base}/${second.body.data.id}/resolve`, member, {
      message: 'Two is fixed.',
    });
    expect(resolveSecond.status).toBe(200);
    expect(resolveSecond.body.data.updates[0]).toMatchObject({ status: 'resolved', message: 'Two is fixed.' });
    expect(await statusesOf(t.db, [svc.id])).toEqual({ [svc.id]: 'partial_outage' });
    expect((await call(t, 'POST', `${base}/${second.body.data.id}/resolve`, member, {})).status).toBe(409);
    await call(t, 'POST', `${base}/${first.body.data.id}/resolve`, member);
    expect(await statusesOf(t.db, [svc.id])).toEqual({ [svc.id]: 'operational' });
  });

  it('lets a manual change stand under an incident and reappear when it resolves', async () => {
    const svc = await createService(t.db, world.orgA.id);
    const opened = await call(t, 'POST', base, member, {
      title: 'Outage',
      services: [{ service_id: svc.id, status: 'major_outage' }],
      message: 'm',
    });
    // A manual status set while the incident holds worse: the shown status stays the incident's.
    const manual = await call(t, 'POST', `/api/organizations/${world.orgA.id}/services/${svc.id}/status`, member, {
      status: 'degraded_performance',
    });
    expect(manual.status).toBe(200);
    expect(await statusesOf(t.db, [svc.id])).toEqual({ [svc.id]: 'major_outage' });
    await call(t, 'POST', `${base}/${opened.body.data.id}/resolve`, member);
    expect(await statusesOf(t.db, [svc.id])).toEqual({ [svc.id]: 'degraded_performance' });
  });

  it('reopens a resolved incident when an update sets an open status', async () => {
    const svc = await createService(t.db, world.orgA.id);
    const opened = await call(t, 'POST', base, member, {
      title: 'Flaky',
      status: 'resolved',
      services: [{ service_id: svc.id, status: 'partial_outage' }],
      message: 'Was flaky',
    });
    expect(opened.body.data.resolved_at).not.toBeNull();
    expect(await statusesOf(t.db, [svc.id])).toEqual({ [svc.id]: 'operational' });
    const reopened = await call(t, 'POST', `${base}/${opened.body.data.id}/updates`, member, {
      status: 'investigating',
      message: 'It is back.',
    });
    expect(reopened.body.data).toMatchObject({ status: 'investigating', resolved_at: null });
    expect(await statusesOf(t.db, [svc.id])).toEqual({ [svc.id]: 'partial_outage' });
  });
});

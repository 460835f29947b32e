import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createApiKey, createService, createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';
import { authFor, eventsAfter, lastSeq, orgRows, send } from '../../../test/service-helpers.ts';
import { asSystem } from '../../db/doors.ts';

describe('POST /api/organizations/:orgId/services/:id/status', () => {
  let t: TestContext;
  let world: TenantWorld;
  let member: string;
  let serviceId: string;
  let path: string;
  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    member = await authFor(t, world.users.memberA);
  });
  beforeEach(async () => {
    serviceId = (await createService(t.db, world.orgA.id, { name: 'Checkout' })).id;
    path = `/api/organizations/${world.orgA.id}/services/${serviceId}/status`;
  });
  afterAll(() => t.close());

  const history = async () =>
    (await orgRows(t.db, 'service_status_history', world.orgA.id)).filter((row) => row.service_id === serviceId);

  it('lets a member set the status: one history row and one event, source manual', async () => {
    const seq = await lastSeq(t.db, world.orgA.id);
    const res = await send(t, 'POST', path, member, { status: 'partial_outage', message: 'Card payments fail' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: serviceId, status: 'partial_outage', manual_status: 'partial_outage' });
    const rows = await history();
    expect(rows).toEqual([
      expect.objectContaining({
        status: 'partial_outage',
        previous_status: 'operational',
        source: 'manual',
        actor: { type: 'user', id: world.users.memberA.id },
        message: 'Card payments fail',
        incident_id: null,
        maintenance_id: null,
      }),
    ]);
    const events = await eventsAfter(t.db, world.orgA.id, seq);
    expect(events).toEqual([
      {
        seq: seq + 1,
        type: 'service.status_changed',
        payload: {
          service: res.body.data,
          previous_status: 'operational',
          source: 'manual',
          incident_id: null,
          maintenance_id: null,
        },
        actor: { type: 'user', id: world.users.memberA.id },
      },
    ]);
  });

  it('writes nothing when the status is already the one set', async () => {
    await send(t, 'POST', path, member, { status: 'major_outage' });
    const seq = await lastSeq(t.db, world.orgA.id);
    const res = await send(t, 'POST', path, member, { status: 'major_outage', message: 'Still down' });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('major_outage');
    expect(await history()).toHaveLength(1);
    expect(await lastSeq(t.db, world.orgA.id)).toBe(seq);
  });

  it('records an API key with status:write as source api, and refuses it creating services', async () => {
    const key = await createApiKey(t.db, world.orgA.id, ['status:write']);
    const auth = await authFor(t, key);
    const res = await send(t, 'POST', path, auth, { status: 'degraded_performance' });
    expect(res.status).toBe(200);
    expect(await history()).toEqual([
      expect.objectContaining({ source: 'api', actor: { type: 'api_key', id: key.id } }),
    ]);
    const create = await send(t, 'POST', `/api/organizations/${world.orgA.id}/services`, auth, { name: 'Nope' });
    expect(create.status).toBe(403);
  });

  it('refuses a viewer and a read-only key', async () => {
    const before = await orgRows(t.db, 'services', world.orgA.id);
    const viewer = await send(t, 'POST', path, await authFor(t, world.users.viewerA), { status: 'major_outage' });
    expect(viewer.status).toBe(403);
    expect(viewer.body).toEqual({
      error: { code: 'forbidden', message: 'This needs the member role or higher', requestId: viewer.requestId },
    });
    const key = await send(t, 'POST', path, await authFor(t, await createApiKey(t.db, world.orgA.id, ['read'])), {
      status: 'major_outage',
    });
    expect(key.status).toBe(403);
    expect(key.body.error.message).toBe('This API key needs one of the scopes: status:write');
    expect(await orgRows(t.db, 'services', world.orgA.id)).toEqual(before);
  });

  it('refuses under_maintenance, which only maintenances produce', async () => {
    const res = await send(t, 'POST', path, member, { status: 'under_maintenance' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: 'validation_failed',
        message: 'Invalid json',
        details: [
          {
            path: ['status'],
            message:
              'Expected one of operational, degraded_performance, partial_outage, major_outage (under_maintenance comes only from maintenances)',
            code: 'invalid_value',
          },
        ],
        requestId: res.requestId,
      },
    });
    expect(await history()).toEqual([]);
  });

  it('answers a retry with the same Idempotency-Key with the first answer, changing nothing twice', async () => {
    const call = (status: string) =>
      t.app.request(path, {
        method: 'POST',
        headers: { Authorization: member, 'Content-Type': 'application/json', 'Idempotency-Key': `retry-${serviceId}` },
        body: JSON.stringify({ status }),
      });
    const first = await call('major_outage');
    expect(first.status).toBe(200);
    const firstBody = await first.json();
    // Someone else changes it meanwhile; the retry must not set it back.
    await send(t, 'POST', path, member, { status: 'operational' });
    const seq = await lastSeq(t.db, world.orgA.id);
    const retry = await call('major_outage');
    expect(retry.status).toBe(200);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await retry.json()).toEqual(firstBody);
    expect(await lastSeq(t.db, world.orgA.id)).toBe(seq);
    expect((await history()).map((row) => row.status)).toEqual(expect.arrayContaining(['major_outage', 'operational']));
    expect(await history()).toHaveLength(2);
  });

  it('answers 404 for an unknown service', async () => {
    const res = await send(
      t,
      'POST',
      `/api/organizations/${world.orgA.id}/services/${crypto.randomUUID()}/status`,
      member,
      { status: 'major_outage' },
    );
    expect(res.status).toBe(404);
  });

  it('keeps the worse status an open incident holds; only the hold changes, which is its own event', async () => {
    await asSystem(t.db, 'test', async (tx) => {
      const [incident] = await tx.query<{ id: string }>(
        `insert into public.incidents (org_id, title, status) values ($1, 'Database down', 'investigating') returning id`,
        [world.orgA.id],
      );
      await tx.query(
        `insert into public.incident_services (org_id, incident_id, service_id, status) values ($1, $2, $3, 'partial_outage')`,
        [world.orgA.id, incident!.id, serviceId],
      );
      await tx.query(`update public.services set status = 'partial_outage' where id = $1`, [serviceId]);
    });
    const seq = await lastSeq(t.db, world.orgA.id);
    const res = await send(t, 'POST', path, member, { status: 'degraded_performance' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'partial_outage', manual_status: 'degraded_performance' });
    expect(await history()).toEqual([]);
    const events = await eventsAfter(t.db, world.orgA.id, seq);
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      ['service.manual_status_changed', { service: res.body.data, previous_manual_status: 'operational' }],
    ]);

    // A manual status worse than the incident's shows, with exactly one history row.
    const worse = await send(t, 'POST', path, member, { status: 'major_outage' });
    expect(worse.body.data.status).toBe('major_outage');
    expect(await history()).toEqual([
      expect.objectContaining({ status: 'major_outage', previous_status: 'partial_outage', source: 'manual' }),
    ]);
    expect((await eventsAfter(t.db, world.orgA.id, seq + 1)).map((e) => e.type)).toEqual(['service.status_changed']);
  });
});

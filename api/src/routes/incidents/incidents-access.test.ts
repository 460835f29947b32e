import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createApiKey, createService, createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';
import { call, statusesOf } from './test-kit.ts';

describe('incidents: tenancy, roles and validation', () => {
  let t: TestContext;
  let world: TenantWorld;
  let tokens: Record<'viewerA' | 'memberA' | 'adminA' | 'adminB', string>;
  let base: string;
  let incidentId: string;
  let serviceA: string;
  let serviceB: string;

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    const sign = (u: { id: string; email: string }) => t.tokens.sign(u.id, u.email);
    tokens = {
      viewerA: await sign(world.users.viewerA),
      memberA: await sign(world.users.memberA),
      adminA: await sign(world.users.adminA),
      adminB: await sign(world.users.adminB),
    };
    base = `/api/organizations/${world.orgA.id}/incidents`;
    serviceA = (await createService(t.db, world.orgA.id)).id;
    serviceB = (await createService(t.db, world.orgB.id)).id;
    const created = await call(t, 'POST', base, tokens.memberA, {
      title: 'A incident',
      services: [{ service_id: serviceA, status: 'partial_outage' }],
      message: 'm',
    });
    incidentId = created.body.data.id;
  });
  afterAll(() => t.close());

  const countIncidents = async () =>
    Number((await t.db.query<{ n: string }>('select count(*) as n from public.incidents'))[0]!.n);

  it("refuses an admin of B every read and write of A's incidents", async () => {
    const b = tokens.adminB;
    expect((await call(t, 'GET', base, b)).status).toBe(403);
    expect((await call(t, 'GET', `${base}/${incidentId}`, b)).status).toBe(403);
    expect((await call(t, 'POST', base, b, { title: 'x', message: 'm' })).status).toBe(403);
    expect((await call(t, 'PUT', `${base}/${incidentId}`, b, { title: 'hijacked' })).status).toBe(403);
    expect((await call(t, 'POST', `${base}/${incidentId}/resolve`, b, {})).status).toBe(403);
    expect(
      (await call(t, 'POST', `${base}/${incidentId}/updates`, b, { status: 'resolved', message: 'x' })).status,
    ).toBe(403);
    expect((await call(t, 'DELETE', `${base}/${incidentId}`, b)).status).toBe(403);
    // Through B's own org path, A's incident does not exist.
    const viaB = `/api/organizations/${world.orgB.id}/incidents/${incidentId}`;
    expect((await call(t, 'GET', viaB, b)).status).toBe(404);
    expect((await call(t, 'PUT', viaB, b, { title: 'hijacked' })).status).toBe(404);
    expect((await call(t, 'DELETE', viaB, b)).status).toBe(404);
    const still = await call(t, 'GET', `${base}/${incidentId}`, tokens.viewerA);
    expect(still.body.data).toMatchObject({ title: 'A incident', status: 'investigating' });
  });

  it("refuses B's service ids in A's incident with 422 and writes nothing", async () => {
    const before = await countIncidents();
    const res = await call(t, 'POST', base, tokens.adminA, {
      title: 'x',
      services: [{ service_id: serviceB, status: 'major_outage' }],
      message: 'm',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: ['services', 0, 'service_id'] })]);
    expect(await countIncidents()).toBe(before);
    const put = await call(t, 'PUT', `${base}/${incidentId}`, tokens.adminA, {
      services: [{ service_id: serviceB, status: 'major_outage' }],
    });
    expect(put.status).toBe(422);
    expect((await call(t, 'GET', `${base}/${incidentId}`, tokens.adminA)).body.data.services).toEqual([
      expect.objectContaining({ service_id: serviceA, status: 'partial_outage' }),
    ]);
    expect(await statusesOf(t.db, [serviceB])).toEqual({ [serviceB]: 'operational' });
  });

  it('lets viewers and read keys read but not write; members write; only admins delete', async () => {
    const readKey = await createApiKey(t.db, world.orgA.id, ['read']);
    const statusKey = await createApiKey(t.db, world.orgA.id, ['status:write']);
    const writeKey = await createApiKey(t.db, world.orgA.id, ['incidents:write']);
    expect((await call(t, 'GET', base, tokens.viewerA)).status).toBe(200);
    expect((await call(t, 'GET', `${base}/${incidentId}`, readKey.secret)).status).toBe(200);
    expect((await call(t, 'POST', base, tokens.viewerA, { title: 'x', message: 'm' })).status).toBe(403);
    expect((await call(t, 'POST', base, readKey.secret, { title: 'x', message: 'm' })).status).toBe(403);
    expect((await call(t, 'POST', base, statusKey.secret, { title: 'x', message: 'm' })).status).toBe(403);
    expect(
      (await call(t, 'POST', `${base}/${incidentId}/updates`, tokens.viewerA, { status: 'identified', message: 'x' }))
        .status,
    ).toBe(403);
    expect((await call(t, 'DELETE', `${base}/${incidentId}`, writeKey.secret)).status).toBe(403);
    expect((await call(t, 'GET', base, null)).status).toBe(401);
  });

  it('answers validation errors with details', async () => {
    const m = tokens.memberA;
    const bad = async (body: unknown, path = base, method = 'POST') => {
      const res = await call(t, method, path, m, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      return res.body.error.details as { path: (string | number)[] }[];
    };
    expect((await bad({ message: 'no title' }))[0]!.path).toEqual(['title']);
    await bad({ title: 'x' });
    await bad({ title: 'x', message: 'm', status: 'exploded' });
    await bad({ title: 'x', message: 'm', impact: 'apocalyptic' });
    await bad({ title: 'x', message: 'm', services: [{ service_id: serviceA, status: 'under_maintenance' }] });
    await bad({
      title: 'x',
      message: 'm',
      services: [
        { service_id: serviceA, status: 'major_outage' },
        { service_id: serviceA, status: 'partial_outage' },
      ],
    });
    await bad({ title: 'x', message: 'm', services: [{ service_id: 'not-a-uuid', status: 'major_outage' }] });
    await bad({ title: 'x', message: 'm', org_id: world.orgB.id });
    const future = new Date(t.clock.now().getTime() + 10 * 60_000).toISOString();
    expect((await bad({ title: 'x', message: 'm', started_at: future }))[0]!.path).toEqual(['started_at']);
    await bad({ title: 'x', message: 'm', started_at: 'yesterday' });
    const typo = await bad({ title: 'x', message: 'm', started_at: '0202-05-01T10:00:00Z' });
    expect(typo[0]).toMatchObject({ path: ['started_at'], message: 'Must be between 1970-01-01 and 2199-12-31' });
    await bad({ started_at: '1999-12-31T23:59:59Z' }, `${base}/${incidentId}`, 'PUT');
    await bad({}, `${base}/${incidentId}`, 'PUT');
    await bad({ status: 'resolved' }, `${base}/${incidentId}/updates`);
    await bad({ status: 'identified', message: '' }, `${base}/${incidentId}/updates`);
    expect((await call(t, 'GET', `${base}?status=closed`, m)).status).toBe(400);
    expect((await call(t, 'GET', `${base}?cursor=garbage`, m)).status).toBe(400);
    expect((await call(t, 'GET', `${base}/not-a-uuid`, m)).status).toBe(400);
    expect((await call(t, 'GET', `${base}/${crypto.randomUUID()}`, m)).status).toBe(404);
    // A start a little in the past is fine, and a few seconds of client clock skew too.
    const past = new Date(t.clock.now().getTime() - 3_600_000).toISOString();
    const ok = await call(t, 'POST', base, m, { title: 'Backfilled', message: 'm', started_at: past });
    expect(ok.status).toBe(201);
    expect(ok.body.data.started_at).toBe(past);
  });

  it('lists newest first with filters and a cursor that walks every page', async () => {
    const orgC = await createTenantWorld(t.db);
    const admin = await t.tokens.sign(orgC.users.adminA.id, orgC.users.adminA.email);
    const list = `/api/organizations/${orgC.orgA.id}/incidents`;
    const start = t.clock.now().getTime() - 10 * 3_600_000;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await call(t, 'POST', list, admin, {
        title: `I${i}`,
        message: 'm',
        started_at: new Date(start + i * 3_600_000).toISOString(),
        status: i % 2 ? 'resolved' : 'investigating',
      });
      ids.push(created.body.data.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string }[]; next_cursor: string | null } } = await call(
        t,
        'GET',
        `${list}?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        admin,
      );
      seen.push(...page.body.data.map((i) => i.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const open = await call(t, 'GET', `${list}?status=open`, admin);
    expect(open.body.data.map((i: { title: string }) => i.title)).toEqual(['I4', 'I2', 'I0']);
    const resolved = await call(t, 'GET', `${list}?status=resolved`, admin);
    expect(resolved.body.data.map((i: { title: string }) => i.title)).toEqual(['I3', 'I1']);
    const from = new Date(start + 3_600_000).toISOString();
    const to = new Date(start + 3 * 3_600_000).toISOString();
    const ranged = await call(t, 'GET', `${list}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, admin);
    expect(ranged.body.data.map((i: { title: string }) => i.title)).toEqual(['I2', 'I1']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createApiKey, createService, createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';
import { call, eventsOf } from '../incidents/test-kit.ts';

describe('templates', () => {
  let t: TestContext;
  let world: TenantWorld;
  let tokens: Record<'viewerA' | 'memberA' | 'adminA' | 'adminB', string>;
  let base: string;
  let api: string;
  let web: string;
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
    base = `/api/organizations/${world.orgA.id}/templates`;
    api = (await createService(t.db, world.orgA.id, { name: 'API' })).id;
    web = (await createService(t.db, world.orgA.id, { name: 'Web' })).id;
    serviceB = (await createService(t.db, world.orgB.id)).id;
  });
  afterAll(() => t.close());

  const count = async () =>
    Number((await t.db.query<{ n: string }>('select count(*) as n from public.templates'))[0]!.n);
  let seq = 0;
  const incidentBody = (extra: Record<string, unknown> = {}) => ({
    kind: 'incident',
    name: `Outage ${++seq}`,
    title: 'Payments are failing',
    message: 'We are investigating errors on checkout.',
    impact: 'major',
    services: [
      { service_id: web, status: 'partial_outage' },
      { service_id: api, status: 'major_outage' },
    ],
    ...extra,
  });

  it('lets a member create, read, list, edit and delete an incident template, each change in the log', async () => {
    const created = await call(t, 'POST', base, tokens.memberA, incidentBody({ name: 'Database down' }));
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    expect(created.body.data).toMatchObject({
      kind: 'incident',
      name: 'Database down',
      title: 'Payments are failing',
      impact: 'major',
      duration_minutes: null,
      created_by: world.users.memberA.id,
      // In the order given, named as the services are now.
      services: [
        { service_id: web, name: 'Web', status: 'partial_outage' },
        { service_id: api, name: 'API', status: 'major_outage' },
      ],
    });
    expect((await call(t, 'GET', `${base}/${id}`, tokens.viewerA)).body.data).toEqual(created.body.data);

    const edited = await call(t, 'PUT', `${base}/${id}`, tokens.memberA, {
      title: 'Database is slow',
      impact: 'minor',
      services: [{ service_id: api, status: 'degraded_performance' }],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.data).toMatchObject({
      name: 'Database down',
      title: 'Database is slow',
      message: 'We are investigating errors on checkout.',
      impact: 'minor',
      services: [{ service_id: api, status: 'degraded_performance' }],
    });

    expect((await call(t, 'DELETE', `${base}/${id}`, tokens.memberA)).status).toBe(204);
    expect((await call(t, 'GET', `${base}/${id}`, tokens.memberA)).status).toBe(404);
    const events = (await eventsOf(t.db, world.orgA.id, 'template.')).filter((e) => e.payload.template.id === id);
    expect(events.map((e) => e.type)).toEqual(['template.created', 'template.updated', 'template.deleted']);
    expect(events[1]!.payload.template.title).toBe('Database is slow');
    expect(events[2]!.payload.template).toEqual({ id, kind: 'incident', name: 'Database down' });
  });

  it('keeps a maintenance template to what a maintenance has: a duration, services without a status', async () => {
    const created = await call(t, 'POST', base, tokens.memberA, {
      kind: 'maintenance',
      name: 'Database upgrade',
      title: 'Database upgrade',
      duration_minutes: 90,
      services: [{ service_id: api }],
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      impact: null,
      duration_minutes: 90,
      message: '',
      services: [{ service_id: api, status: null }],
    });
    const id = created.body.data.id;
    const refused = [
      await call(t, 'POST', base, tokens.memberA, {
        kind: 'maintenance',
        name: 'With impact',
        title: 'x',
        impact: 'major',
        services: [{ service_id: api, status: 'major_outage' }],
      }),
      await call(t, 'POST', base, tokens.memberA, incidentBody({ duration_minutes: 30 })),
      await call(t, 'POST', base, tokens.memberA, incidentBody({ services: [{ service_id: api }] })),
      await call(t, 'PUT', `${base}/${id}`, tokens.memberA, { impact: 'minor' }),
    ];
    expect(refused.map((r) => r.status)).toEqual([400, 400, 400, 400]);
    expect(refused.map((r) => r.body.error.details.map((d: { path: unknown[] }) => d.path.join('.')))).toEqual([
      ['impact', 'services.0.status'],
      ['duration_minutes'],
      ['services.0.status'],
      ['impact'],
    ]);
    // Null clears the duration; the kind is not something an edit can change.
    const cleared = await call(t, 'PUT', `${base}/${id}`, tokens.memberA, { duration_minutes: null });
    expect(cleared.body.data.duration_minutes).toBeNull();
    expect((await call(t, 'PUT', `${base}/${id}`, tokens.memberA, { kind: 'incident' })).status).toBe(400);
  });

  it('lists by name, filters by kind and pages with a cursor', async () => {
    const list = await call(t, 'GET', base, tokens.viewerA);
    expect(list.status).toBe(200);
    const names = list.body.data.map((x: { name: string }) => x.name);
    expect(names).toEqual([...names].sort());
    const kinds = await call(t, 'GET', `${base}?kind=maintenance`, tokens.viewerA);
    expect(kinds.body.data.length).toBeGreaterThan(0);
    expect(kinds.body.data.every((x: { kind: string }) => x.kind === 'maintenance')).toBe(true);
    const walked: string[] = [];
    for (let cursor: string | null = null; ;) {
      const page: { body: { data: { name: string }[]; next_cursor: string | null } } = await call(
        t,
        'GET',
        `${base}?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        tokens.viewerA,
      );
      walked.push(...page.body.data.map((x) => x.name));
      if (!page.body.next_cursor) break;
      cursor = page.body.next_cursor;
    }
    expect(walked).toEqual(names);
    expect((await call(t, 'GET', `${base}?cursor=nonsense`, tokens.viewerA)).status).toBe(400);
  });

  it('refuses a name the org already uses (409)', async () => {
    await call(t, 'POST', base, tokens.memberA, incidentBody({ name: 'Twice' }));
    const again = await call(t, 'POST', base, tokens.memberA, incidentBody({ name: 'Twice' }));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
  });

  it("refuses another org's service with 422 and writes nothing", async () => {
    const before = await count();
    const res = await call(
      t,
      'POST',
      base,
      tokens.adminA,
      incidentBody({ services: [{ service_id: serviceB, status: 'major_outage' }] }),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: ['services', 0, 'service_id'] })]);
    expect(await count()).toBe(before);
    const id = (await call(t, 'POST', base, tokens.adminA, incidentBody())).body.data.id;
    const put = await call(t, 'PUT', `${base}/${id}`, tokens.adminA, {
      services: [{ service_id: serviceB, status: 'major_outage' }],
    });
    expect(put.status).toBe(422);
    expect((await call(t, 'GET', `${base}/${id}`, tokens.adminA)).body.data.services).toHaveLength(2);
  });

  it("refuses an admin of B every read and write of A's templates", async () => {
    const id = (await call(t, 'POST', base, tokens.memberA, incidentBody({ name: 'Private A' }))).body.data.id;
    const b = tokens.adminB;
    expect((await call(t, 'GET', base, b)).status).toBe(403);
    expect((await call(t, 'GET', `${base}/${id}`, b)).status).toBe(403);
    expect((await call(t, 'POST', base, b, incidentBody())).status).toBe(403);
    expect((await call(t, 'PUT', `${base}/${id}`, b, { title: 'hijacked' })).status).toBe(403);
    expect((await call(t, 'DELETE', `${base}/${id}`, b)).status).toBe(403);
    // Through B's own org path, A's template does not exist, and B's list does not show it.
    const viaB = `/api/organizations/${world.orgB.id}/templates`;
    expect((await call(t, 'GET', `${viaB}/${id}`, b)).status).toBe(404);
    expect((await call(t, 'PUT', `${viaB}/${id}`, b, { title: 'hijacked' })).status).toBe(404);
    expect((await call(t, 'DELETE', `${viaB}/${id}`, b)).status).toBe(404);
    expect((await call(t, 'GET', viaB, b)).body.data).toEqual([]);
    expect((await call(t, 'GET', `${base}/${id}`, tokens.viewerA)).body.data.title).toBe('Payments are failing');
  });

  it('lets viewers read only, and a key write only the kind its scope writes', async () => {
    const before = await count();
    expect((await call(t, 'POST', base, tokens.viewerA, incidentBody())).status).toBe(403);
    const readKey = (await createApiKey(t.db, world.orgA.id, ['read'])).secret;
    const incidentKey = (await createApiKey(t.db, world.orgA.id, ['incidents:write'])).secret;
    const maintenanceKey = (await createApiKey(t.db, world.orgA.id, ['maintenances:write'])).secret;
    expect((await call(t, 'GET', base, readKey)).status).toBe(200);
    expect((await call(t, 'POST', base, readKey, incidentBody())).status).toBe(403);
    const maintenance = { kind: 'maintenance', name: `Window ${++seq}`, title: 'Upgrade' };
    expect((await call(t, 'POST', base, incidentKey, maintenance)).status).toBe(403);
    expect(await count()).toBe(before);

    const byKey = await call(t, 'POST', base, incidentKey, incidentBody());
    expect(byKey.status).toBe(201);
    expect(byKey.body.data.created_by).toBeNull();
    const id = byKey.body.data.id;
    const wrongKey = await call(t, 'PUT', `${base}/${id}`, maintenanceKey, { title: 'x' });
    expect(wrongKey.status).toBe(403);
    expect(wrongKey.body.error.message).toMatch(/incidents:write/);
    expect((await call(t, 'DELETE', `${base}/${id}`, maintenanceKey)).status).toBe(403);
    expect((await call(t, 'POST', base, maintenanceKey, maintenance)).status).toBe(201);
    expect((await call(t, 'DELETE', `${base}/${id}`, incidentKey)).status).toBe(204);
  });

  it('drops a deleted service from the templates that named it', async () => {
    const gone = (await createService(t.db, world.orgA.id)).id;
    const id = (
      await call(
        t,
        'POST',
        base,
        tokens.memberA,
        incidentBody({ services: [{ service_id: gone, status: 'major_outage' }] }),
      )
    ).body.data.id;
    expect(
      (await call(t, 'DELETE', `/api/organizations/${world.orgA.id}/services/${gone}`, tokens.adminA)).status,
    ).toBe(204);
    expect((await call(t, 'GET', `${base}/${id}`, tokens.memberA)).body.data.services).toEqual([]);
  });
});

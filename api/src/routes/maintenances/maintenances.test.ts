import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createApiKey, createService, createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';
import { call, eventsOf, historyOf, statusesOf } from '../incidents/test-kit.ts';

const hour = 3_600_000;

describe('maintenances API', () => {
  let t: TestContext;
  let world: TenantWorld;
  let member: string;
  let adminB: string;
  let base: string;

  const at = (offsetMs: number) => new Date(t.clock.now().getTime() + offsetMs).toISOString();
  const schedule = async (body: Record<string, unknown>) =>
    call(t, 'POST', base, member, { title: 'Upgrade', starts_at: at(hour), ends_at: at(2 * hour), ...body });

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    member = await t.tokens.sign(world.users.memberA.id, world.users.memberA.email);
    adminB = await t.tokens.sign(world.users.adminB.id, world.users.adminB.email);
    base = `/api/organizations/${world.orgA.id}/maintenances`;
  });
  afterAll(() => t.close());

  it('schedules, edits, starts early, and completes early through PUT', async () => {
    const a = await createService(t.db, world.orgA.id);
    const b = await createService(t.db, world.orgA.id);
    const created = await schedule({ description: 'New disks', service_ids: [a.id], message: 'Planned' });
    expect(created.status).toBe(201);
    const m = created.body.data;
    expect(m).toMatchObject({
      status: 'scheduled',
      description: 'New disks',
      service_ids: [a.id],
      created_by: world.users.memberA.id,
      updates: [{ status: 'scheduled', message: 'Planned' }],
    });

    const edited = await call(t, 'PUT', `${base}/${m.id}`, member, {
      title: 'Bigger upgrade',
      ends_at: at(3 * hour),
      service_ids: [a.id, b.id],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.data).toMatchObject({ title: 'Bigger upgrade', status: 'scheduled', ends_at: at(3 * hour) });
    expect(edited.body.data.service_ids.sort()).toEqual([a.id, b.id].sort());

    t.clock.advance(1000);
    const started = await call(t, 'PUT', `${base}/${m.id}`, member, {
      status: 'in_progress',
      message: 'Starting early',
    });
    expect(started.body.data).toMatchObject({
      status: 'in_progress',
      started_at: t.clock.now().toISOString(),
      updates: [{ status: 'in_progress', message: 'Starting early' }, { status: 'scheduled' }],
    });
    expect(await statusesOf(t.db, [a.id, b.id])).toEqual({ [a.id]: 'under_maintenance', [b.id]: 'under_maintenance' });

    // Dropping a service from a running window ends its effect there at once.
    const narrowed = await call(t, 'PUT', `${base}/${m.id}`, member, { service_ids: [a.id] });
    expect(narrowed.status).toBe(200);
    expect(await statusesOf(t.db, [a.id, b.id])).toEqual({ [a.id]: 'under_maintenance', [b.id]: 'operational' });
    expect((await call(t, 'PUT', `${base}/${m.id}`, member, { starts_at: at(hour) })).status).toBe(409);

    t.clock.advance(1000);
    const done = await call(t, 'PUT', `${base}/${m.id}`, member, { status: 'completed' });
    expect(done.body.data).toMatchObject({ status: 'completed', completed_at: t.clock.now().toISOString() });
    expect(await statusesOf(t.db, [a.id])).toEqual({ [a.id]: 'operational' });
    expect((await historyOf(t.db, a.id)).map((h) => [h.status, h.source, h.maintenance_id])).toEqual([
      ['under_maintenance', 'maintenance', m.id],
      ['operational', 'maintenance', m.id],
    ]);
    // Finished: text may be corrected, the plan and status may not.
    expect((await call(t, 'PUT', `${base}/${m.id}`, member, { description: 'Swapped disks' })).status).toBe(200);
    expect((await call(t, 'PUT', `${base}/${m.id}`, member, { ends_at: at(5 * hour) })).status).toBe(409);
    expect((await call(t, 'PUT', `${base}/${m.id}`, member, { status: 'in_progress' })).status).toBe(409);
    const types = (await eventsOf(t.db, world.orgA.id, 'maintenance.')).map((e) => e.type);
    expect(types).toEqual([
      'maintenance.created',
      'maintenance.updated',
      'maintenance.started',
      'maintenance.updated',
      'maintenance.completed',
      'maintenance.updated',
    ]);
  });

  it('cancels, posts updates, starts a window created already open, and deletes a running one', async () => {
    const svc = await createService(t.db, world.orgA.id);
    const planned = (await schedule({ service_ids: [svc.id] })).body.data;
    expect((await call(t, 'PUT', `${base}/${planned.id}`, member, { status: 'completed' })).status).toBe(409);
    const note = await call(t, 'POST', `${base}/${planned.id}/updates`, member, { message: 'Still on' });
    expect(note.status).toBe(201);
    expect(note.body.data).toMatchObject({
      status: 'scheduled',
      updates: [{ status: 'scheduled', message: 'Still on' }],
    });
    const cancelled = await call(t, 'POST', `${base}/${planned.id}/updates`, member, {
      status: 'cancelled',
      message: 'Postponed',
    });
    expect(cancelled.body.data).toMatchObject({ status: 'cancelled', started_at: null, completed_at: null });
    expect((await eventsOf(t.db, world.orgA.id, 'maintenance.cancelled')).at(-1)!.payload.maintenance.id).toBe(
      planned.id,
    );

    const open = await schedule({ starts_at: at(-60_000), service_ids: [svc.id] });
    expect(open.status).toBe(201);
    expect(open.body.data.status).toBe('in_progress');
    expect(await statusesOf(t.db, [svc.id])).toEqual({ [svc.id]: 'under_maintenance' });
    expect((await call(t, 'DELETE', `${base}/${open.body.data.id}`, member)).status).toBe(204);
    expect(await statusesOf(t.db, [svc.id])).toEqual({ [svc.id]: 'operational' });
    expect((await call(t, 'GET', `${base}/${open.body.data.id}`, member)).status).toBe(404);
  });

  it('keeps tenants apart and checks roles and scopes', async () => {
    const own = (await schedule({})).body.data;
    const serviceB = await createService(t.db, world.orgB.id);
    expect((await call(t, 'GET', base, adminB)).status).toBe(403);
    expect((await call(t, 'GET', `${base}/${own.id}`, adminB)).status).toBe(403);
    expect((await call(t, 'PUT', `${base}/${own.id}`, adminB, { status: 'cancelled' })).status).toBe(403);
    expect((await call(t, 'DELETE', `${base}/${own.id}`, adminB)).status).toBe(403);
    expect((await call(t, 'GET', `/api/organizations/${world.orgB.id}/maintenances/${own.id}`, adminB)).status).toBe(
      404,
    );
    expect((await call(t, 'DELETE', `/api/organizations/${world.orgB.id}/maintenances/${own.id}`, adminB)).status).toBe(
      404,
    );
    const before = (await call(t, 'GET', `${base}?limit=100`, member)).body.data.length;
    const foreign = await schedule({ service_ids: [serviceB.id] });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.details[0].path).toEqual(['service_ids', 0]);
    expect((await call(t, 'GET', `${base}?limit=100`, member)).body.data.length).toBe(before);
    expect((await call(t, 'PUT', `${base}/${own.id}`, member, { service_ids: [serviceB.id] })).status).toBe(422);

    const viewer = await t.tokens.sign(world.users.viewerA.id, world.users.viewerA.email);
    const readKey = await createApiKey(t.db, world.orgA.id, ['read']);
    const incidentKey = await createApiKey(t.db, world.orgA.id, ['incidents:write']);
    const writeKey = await createApiKey(t.db, world.orgA.id, ['maintenances:write']);
    expect((await call(t, 'GET', `${base}/${own.id}`, viewer)).status).toBe(200);
    expect((await call(t, 'GET', base, readKey.secret)).status).toBe(200);
    expect((await call(t, 'PUT', `${base}/${own.id}`, viewer, { title: 'x' })).status).toBe(403);
    expect(
      (await call(t, 'POST', base, incidentKey.secret, { title: 'x', starts_at: at(hour), ends_at: at(2 * hour) }))
        .status,
    ).toBe(403);
    const byKey = await call(t, 'POST', `${base}/${own.id}/updates`, writeKey.secret, { message: 'From a script' });
    expect(byKey.status).toBe(201);
    expect(byKey.body.data.updates[0]).toMatchObject({ author_id: null, author_key_id: writeKey.id });
  });

  it('refuses invalid bodies and lists with filters and a cursor', async () => {
    const bad = async (body: unknown, method = 'POST', path = base) => {
      const res = await call(t, method, path, member, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      return res.body.error.details[0].path;
    };
    expect(await bad({ title: 'x', starts_at: at(2 * hour), ends_at: at(hour) })).toEqual(['ends_at']);
    expect(await bad({ title: 'x', starts_at: at(-3 * hour), ends_at: at(-2 * hour) })).toEqual(['ends_at']);
    await bad({ title: 'x', starts_at: 'soon', ends_at: at(hour) });
    await bad({ title: '', starts_at: at(hour), ends_at: at(2 * hour) });
    await bad({ title: 'x', starts_at: at(hour), ends_at: at(2 * hour), service_ids: ['nope'] });
    await bad({ title: 'x', starts_at: at(hour), ends_at: at(2 * hour), status: 'completed' });
    const own = (await schedule({})).body.data;
    await bad({}, 'PUT', `${base}/${own.id}`);
    expect(await bad({ ends_at: at(-hour) }, 'PUT', `${base}/${own.id}`)).toEqual(['ends_at']);
    await bad({ status: 'done' }, 'PUT', `${base}/${own.id}`);
    await bad({ message: '' }, 'POST', `${base}/${own.id}/updates`);

    const world2 = await createTenantWorld(t.db);
    const admin2 = await t.tokens.sign(world2.users.adminA.id, world2.users.adminA.email);
    const list = `/api/organizations/${world2.orgA.id}/maintenances`;
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) {
      ids.push(
        (await call(t, 'POST', list, admin2, { title: `M${i}`, starts_at: at(i * hour), ends_at: at((i + 1) * hour) }))
          .body.data.id,
      );
    }
    await call(t, 'PUT', `${list}/${ids[0]}`, admin2, { status: 'cancelled' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string }[]; next_cursor: string | null } } = await call(
        t,
        'GET',
        `${list}?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        admin2,
      );
      seen.push(...page.body.data.map((m) => m.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect(
      (await call(t, 'GET', `${list}?status=cancelled`, admin2)).body.data.map((m: { id: string }) => m.id),
    ).toEqual([ids[0]]);
    const ranged = await call(
      t,
      'GET',
      `${list}?from=${encodeURIComponent(at(2 * hour))}&to=${encodeURIComponent(at(4 * hour))}`,
      admin2,
    );
    expect(ranged.body.data.map((m: { title: string }) => m.title)).toEqual(['M3', 'M2']);
  });
});

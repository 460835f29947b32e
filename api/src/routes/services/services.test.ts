import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createApiKey, createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';
import { authFor, eventsAfter, lastSeq, orgRows, send } from '../../../test/service-helpers.ts';

const anyTime = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
const anyId = expect.stringMatching(/^[0-9a-f-]{36}$/);

describe('services CRUD', () => {
  let t: TestContext;
  let world: TenantWorld;
  let admin: string;
  let base: string;
  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    admin = await authFor(t, world.users.adminA);
    base = `/api/organizations/${world.orgA.id}/services`;
  });
  afterAll(() => t.close());

  it('creates a service with defaults, a slug from its name and a service.created event', async () => {
    const seq = await lastSeq(t.db, world.orgA.id);
    const res = await send(t, 'POST', base, admin, { name: 'API Gateway – EU' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      data: {
        id: anyId,
        slug: 'api-gateway-eu',
        name: 'API Gateway – EU',
        description: '',
        group_id: null,
        position: 0,
        is_public: true,
        status: 'operational',
        manual_status: 'operational',
        created_at: anyTime,
        updated_at: anyTime,
      },
    });
    const events = await eventsAfter(t.db, world.orgA.id, seq);
    expect(events).toEqual([
      {
        seq: seq + 1,
        type: 'service.created',
        payload: { service: res.body.data },
        actor: { type: 'user', id: world.users.adminA.id },
      },
    ]);
  });

  it('makes a generated slug unique and places a new service after the last one', async () => {
    const res = await send(t, 'POST', base, admin, { name: 'API gateway eu', description: 'Second' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ slug: 'api-gateway-eu-2', position: 1, description: 'Second' });
  });

  it('places a new service at the last position when the last one already holds the maximum', async () => {
    const last = await send(t, 'POST', base, admin, { name: 'Far end', position: 1_000_000 });
    expect(last.status).toBe(201);
    const next = await send(t, 'POST', base, admin, { name: 'Past the far end' });
    expect(next.status).toBe(201);
    expect(next.body.data.position).toBe(1_000_000);
    const list = await send(t, 'GET', `${base}?limit=100`, admin);
    expect(list.body.data.every((service: { position: number }) => service.position <= 1_000_000)).toBe(true);
    for (const res of [last, next]) {
      expect((await send(t, 'DELETE', `${base}/${res.body.data.id}`, admin)).status).toBe(204);
    }
  });

  it('refuses a date outside 1970–2199 instead of storing another one', async () => {
    const res = await send(
      t,
      'GET',
      `${base}/${(await send(t, 'GET', base, admin)).body.data[0].id}/history?from=0001-01-01T00:00:00Z`,
      admin,
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', details: expect.anything() });
  });

  it('refuses a slug already used in the org with 409', async () => {
    const seq = await lastSeq(t.db, world.orgA.id);
    const res = await send(t, 'POST', base, admin, { name: 'Other', slug: 'api-gateway-eu' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      error: {
        code: 'conflict',
        message: 'Another service of this organization already has the slug "api-gateway-eu"',
        requestId: res.requestId,
      },
    });
    expect(await lastSeq(t.db, world.orgA.id)).toBe(seq);
  });

  it('allows the same slug in another org', async () => {
    const res = await send(
      t,
      'POST',
      `/api/organizations/${world.orgB.id}/services`,
      await authFor(t, world.users.adminB),
      {
        name: 'Other org',
        slug: 'api-gateway-eu',
      },
    );
    expect(res.status).toBe(201);
  });

  it('answers invalid bodies with the exact validation error', async () => {
    const res = await send(t, 'POST', base, admin, { name: '', slug: 'Bad Slug', colour: 'red' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: 'validation_failed',
        message: 'Invalid json',
        details: [
          { path: ['name'], message: 'Too small: expected string to have >=1 characters', code: 'too_small' },
          {
            path: ['slug'],
            message: 'Use 1–64 lowercase letters, digits and dashes, not starting or ending with a dash',
            code: 'invalid_format',
          },
          { path: [], message: 'Unrecognized key: "colour"', code: 'unrecognized_keys' },
        ],
        requestId: res.requestId,
      },
    });
  });

  it('refuses a group of another organization', async () => {
    const group = await send(
      t,
      'POST',
      `/api/organizations/${world.orgB.id}/service-groups`,
      await authFor(t, world.users.adminB),
      { name: 'B group' },
    );
    expect(group.status).toBe(201);
    const res = await send(t, 'POST', base, admin, { name: 'Sneaky', group_id: group.body.data.id });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: 'validation_failed',
        message: 'Invalid json',
        details: [
          {
            path: ['group_id'],
            message: 'No service group with this id in the organization',
            code: 'invalid_reference',
          },
        ],
        requestId: res.requestId,
      },
    });
  });

  it('lists the org’s services in order with cursor pagination', async () => {
    const first = await send(t, 'GET', `${base}?limit=1`, admin);
    expect(first.status).toBe(200);
    expect(first.body.data.map((s: { slug: string }) => s.slug)).toEqual(['api-gateway-eu']);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await send(t, 'GET', `${base}?limit=1&cursor=${first.body.next_cursor}`, admin);
    expect(second.body).toEqual({ data: [expect.objectContaining({ slug: 'api-gateway-eu-2' })], next_cursor: null });
    const bad = await send(t, 'GET', `${base}?cursor=nonsense`, admin);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'validation_failed', message: 'Invalid cursor' });
  });

  it('edits the fields given, and a visibility change is an update event with the full new state', async () => {
    const created = await send(t, 'POST', base, admin, { name: 'Billing' });
    const id = created.body.data.id;
    const seq = await lastSeq(t.db, world.orgA.id);
    const res = await send(t, 'PUT', `${base}/${id}`, admin, { is_public: false, description: 'Invoices' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      ...created.body.data,
      is_public: false,
      description: 'Invoices',
      updated_at: anyTime,
    });
    const events = await eventsAfter(t.db, world.orgA.id, seq);
    expect(events.map((e) => [e.type, e.payload])).toEqual([['service.updated', { service: res.body.data }]]);

    // The same values again change nothing and tell no one.
    const again = await send(t, 'PUT', `${base}/${id}`, admin, { is_public: false });
    expect(again.status).toBe(200);
    expect(await lastSeq(t.db, world.orgA.id)).toBe(seq + 1);

    const taken = await send(t, 'PUT', `${base}/${id}`, admin, { slug: 'api-gateway-eu' });
    expect(taken.status).toBe(409);
    const empty = await send(t, 'PUT', `${base}/${id}`, admin, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.details).toEqual([{ path: [], message: 'Nothing to change', code: 'custom' }]);
  });

  it('deletes a service with a service.deleted event; it is gone afterwards', async () => {
    const created = await send(t, 'POST', base, admin, { name: 'Short lived' });
    const id = created.body.data.id;
    const seq = await lastSeq(t.db, world.orgA.id);
    const res = await t.app.request(`${base}/${id}`, { method: 'DELETE', headers: { Authorization: admin } });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    const events = await eventsAfter(t.db, world.orgA.id, seq);
    expect(events.map((e) => [e.type, e.payload])).toEqual([['service.deleted', { id, deleted: true }]]);
    expect((await send(t, 'GET', `${base}/${id}`, admin)).status).toBe(404);
    expect((await send(t, 'DELETE', `${base}/${id}`, admin)).status).toBe(404);
  });

  it('answers 404 for a service of another org addressed through this org', async () => {
    const other = await send(
      t,
      'POST',
      `/api/organizations/${world.orgB.id}/services`,
      await authFor(t, world.users.adminB),
      { name: 'B only' },
    );
    const res = await send(t, 'GET', `${base}/${other.body.data.id}`, admin);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'Service not found', requestId: res.requestId } });
  });
});

describe('services access', () => {
  let t: TestContext;
  let world: TenantWorld;
  let base: string;
  let serviceId: string;
  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    base = `/api/organizations/${world.orgA.id}/services`;
    const created = await send(t, 'POST', base, await authFor(t, world.users.adminA), { name: 'Core' });
    serviceId = created.body.data.id;
  });
  afterAll(() => t.close());

  it('lets viewers and read keys read, but not write', async () => {
    const viewer = await authFor(t, world.users.viewerA);
    expect((await send(t, 'GET', base, viewer)).status).toBe(200);
    expect((await send(t, 'GET', `${base}/${serviceId}`, viewer)).status).toBe(200);
    expect((await send(t, 'POST', base, viewer, { name: 'X' })).status).toBe(403);
    const readKey = await authFor(t, await createApiKey(t.db, world.orgA.id, ['read']));
    expect((await send(t, 'GET', base, readKey)).status).toBe(200);
    expect((await send(t, 'DELETE', `${base}/${serviceId}`, readKey)).status).toBe(403);
  });

  it('refuses a member renaming a service', async () => {
    const res = await send(t, 'PUT', `${base}/${serviceId}`, await authFor(t, world.users.memberA), {
      name: 'Renamed',
    });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      error: { code: 'forbidden', message: 'This needs the admin role or higher', requestId: res.requestId },
    });
  });

  it('refuses an API key with status:write creating a service', async () => {
    const key = await authFor(t, await createApiKey(t.db, world.orgA.id, ['status:write', 'read']));
    const res = await send(t, 'POST', base, key, { name: 'From a script' });
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({
      code: 'forbidden',
      message: 'API keys cannot use this endpoint',
      requestId: res.requestId,
    });
  });

  it('refuses the admin of another org on every service route, and nothing of A changes', async () => {
    const before = {
      services: await orgRows(t.db, 'services', world.orgA.id),
      seq: await lastSeq(t.db, world.orgA.id),
    };
    const otherAdmin = await authFor(t, world.users.adminB);
    const calls: [string, string, unknown?][] = [
      ['GET', base],
      ['POST', base, { name: 'Intruder' }],
      ['GET', `${base}/${serviceId}`],
      ['PUT', `${base}/${serviceId}`, { name: 'Owned' }],
      ['POST', `${base}/${serviceId}/status`, { status: 'major_outage' }],
      ['GET', `${base}/${serviceId}/history`],
      ['GET', `${base}/${serviceId}/uptime`],
      ['DELETE', `${base}/${serviceId}`],
    ];
    for (const [method, path, json] of calls) {
      const res = await send(t, method, path, otherAdmin, json);
      expect([method, path, res.status]).toEqual([method, path, 403]);
      expect(JSON.stringify(res.body)).not.toContain(world.orgA.slug);
    }
    expect(await orgRows(t.db, 'services', world.orgA.id)).toEqual(before.services);
    expect(await lastSeq(t.db, world.orgA.id)).toBe(before.seq);
  });
});

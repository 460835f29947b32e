import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createApiKey, createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';
import { authFor, eventsAfter, lastSeq, orgRows, send } from '../../../test/service-helpers.ts';

const anyTime = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

describe('service groups', () => {
  let t: TestContext;
  let world: TenantWorld;
  let admin: string;
  let base: string;
  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    admin = await authFor(t, world.users.adminA);
    base = `/api/organizations/${world.orgA.id}/service-groups`;
  });
  afterAll(() => t.close());

  it('creates groups one after the other, each with a service_group.created event', async () => {
    const seq = await lastSeq(t.db, world.orgA.id);
    const first = await send(t, 'POST', base, admin, { name: 'Core' });
    const second = await send(t, 'POST', base, admin, { name: 'Edge' });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      data: { id: expect.any(String), name: 'Core', position: 0, created_at: anyTime, updated_at: anyTime },
    });
    expect(second.body.data.position).toBe(1);
    const events = await eventsAfter(t.db, world.orgA.id, seq);
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      ['service_group.created', { service_group: first.body.data }],
      ['service_group.created', { service_group: second.body.data }],
    ]);
    const list = await send(t, 'GET', base, await authFor(t, world.users.viewerA));
    expect(list.body).toEqual({ data: [first.body.data, second.body.data], next_cursor: null });
  });

  it('renames a group (update event) and refuses an empty body and unknown ids', async () => {
    const created = await send(t, 'POST', base, admin, { name: 'Old name' });
    const seq = await lastSeq(t.db, world.orgA.id);
    const res = await send(t, 'PUT', `${base}/${created.body.data.id}`, admin, { name: 'New name' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: created.body.data.id, name: 'New name' });
    expect((await eventsAfter(t.db, world.orgA.id, seq)).map((e) => [e.type, e.payload])).toEqual([
      ['service_group.updated', { service_group: res.body.data }],
    ]);
    const empty = await send(t, 'PUT', `${base}/${created.body.data.id}`, admin, {});
    expect(empty.status).toBe(400);
    const unknown = await send(t, 'PUT', `${base}/${crypto.randomUUID()}`, admin, { name: 'X' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      error: { code: 'not_found', message: 'Service group not found', requestId: unknown.requestId },
    });
  });

  it('deletes a group; its services become ungrouped, each with a service.updated event', async () => {
    const group = (await send(t, 'POST', base, admin, { name: 'Doomed' })).body.data;
    const services = `/api/organizations/${world.orgA.id}/services`;
    const a = (await send(t, 'POST', services, admin, { name: 'In group A', group_id: group.id })).body.data;
    const b = (await send(t, 'POST', services, admin, { name: 'In group B', group_id: group.id })).body.data;
    expect([a.position, b.position]).toEqual([0, 1]);
    const seq = await lastSeq(t.db, world.orgA.id);
    const res = await t.app.request(`${base}/${group.id}`, { method: 'DELETE', headers: { Authorization: admin } });
    expect(res.status).toBe(204);
    const events = await eventsAfter(t.db, world.orgA.id, seq);
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      ['service.updated', { service: { ...a, group_id: null, updated_at: anyTime } }],
      ['service.updated', { service: { ...b, group_id: null, updated_at: anyTime } }],
      ['service_group.deleted', { id: group.id, deleted: true }],
    ]);
    expect((await send(t, 'GET', `${services}/${a.id}`, admin)).body.data.group_id).toBeNull();
  });

  it('is admin-only for writes: members and keys are refused and nothing changes', async () => {
    const group = (await send(t, 'POST', base, admin, { name: 'Guarded' })).body.data;
    const before = await orgRows(t.db, 'service_groups', world.orgA.id);
    const seq = await lastSeq(t.db, world.orgA.id);
    const member = await authFor(t, world.users.memberA);
    const key = await authFor(t, await createApiKey(t.db, world.orgA.id, ['read', 'status:write']));
    const otherAdmin = await authFor(t, world.users.adminB);
    for (const auth of [member, key, otherAdmin]) {
      expect((await send(t, 'POST', base, auth, { name: 'X' })).status).toBe(403);
      expect((await send(t, 'PUT', `${base}/${group.id}`, auth, { name: 'X' })).status).toBe(403);
      expect((await send(t, 'DELETE', `${base}/${group.id}`, auth)).status).toBe(403);
    }
    expect((await send(t, 'GET', base, otherAdmin)).status).toBe(403);
    expect((await send(t, 'GET', base, key)).status).toBe(200);
    expect(await orgRows(t.db, 'service_groups', world.orgA.id)).toEqual(before);
    expect(await lastSeq(t.db, world.orgA.id)).toBe(seq);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';
import { authFor, eventsAfter, lastSeq, orgRows, send } from '../../../test/service-helpers.ts';

describe('PUT /api/organizations/:orgId/service-order', () => {
  let t: TestContext;
  let world: TenantWorld;
  let admin: string;
  let path: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    admin = await authFor(t, world.users.adminA);
    const org = `/api/organizations/${world.orgA.id}`;
    path = `${org}/service-order`;
    for (const name of ['Apps', 'Infra'])
      ids[name] = (await send(t, 'POST', `${org}/service-groups`, admin, { name })).body.data.id;
    for (const name of ['web', 'api', 'db'])
      ids[name] = (await send(t, 'POST', `${org}/services`, admin, { name, group_id: ids.Apps })).body.data.id;
  });
  afterAll(() => t.close());

  it('moves groups and services in one call; only what moved gets an event', async () => {
    const seq = await lastSeq(t.db, world.orgA.id);
    const res = await send(t, 'PUT', path, admin, {
      groups: [
        { id: ids.Infra, position: 0 },
        { id: ids.Apps, position: 1 },
      ],
      services: [
        { id: ids.db, group_id: ids.Infra, position: 0 },
        { id: ids.api, group_id: ids.Apps, position: 0 },
        { id: ids.web, group_id: ids.Apps, position: 0 }, // was already 0 in Apps: unchanged
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.data.groups.map((g: { name: string; position: number }) => [g.name, g.position])).toEqual([
      ['Infra', 0],
      ['Apps', 1],
    ]);
    const placed = Object.fromEntries(
      res.body.data.services.map((s: { name: string; group_id: string; position: number }) => [
        s.name,
        [s.group_id, s.position],
      ]),
    );
    expect(placed).toEqual({ web: [ids.Apps, 0], api: [ids.Apps, 0], db: [ids.Infra, 0] });
    const events = await eventsAfter(t.db, world.orgA.id, seq);
    expect(events.map((e) => [e.type, e.payload.service_group?.name ?? e.payload.service?.name])).toEqual([
      ['service_group.updated', 'Infra'],
      ['service_group.updated', 'Apps'],
      ['service.updated', 'db'],
      ['service.updated', 'api'],
    ]);
    const db = res.body.data.services.find((s: { name: string }) => s.name === 'db');
    expect(events[2]!.payload).toEqual({ service: db });
  });

  it('refuses unknown ids and groups of another org, and changes nothing', async () => {
    const otherGroup = (
      await send(
        t,
        'POST',
        `/api/organizations/${world.orgB.id}/service-groups`,
        await authFor(t, world.users.adminB),
        { name: 'B' },
      )
    ).body.data.id;
    const before = {
      services: await orgRows(t.db, 'services', world.orgA.id),
      groups: await orgRows(t.db, 'service_groups', world.orgA.id),
    };
    const seq = await lastSeq(t.db, world.orgA.id);
    const unknown = crypto.randomUUID();
    const res = await send(t, 'PUT', path, admin, {
      groups: [
        { id: ids.Apps, position: 5 },
        { id: otherGroup, position: 0 },
      ],
      services: [
        { id: ids.web, group_id: otherGroup, position: 3 },
        { id: unknown, group_id: null, position: 0 },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: 'validation_failed',
        message: 'Invalid json',
        details: [
          {
            path: ['groups', 1, 'id'],
            message: 'No service group with this id in the organization',
            code: 'invalid_reference',
          },
          {
            path: ['services', 0, 'group_id'],
            message: 'No service group with this id in the organization',
            code: 'invalid_reference',
          },
          {
            path: ['services', 1, 'id'],
            message: 'No service with this id in the organization',
            code: 'invalid_reference',
          },
        ],
        requestId: res.requestId,
      },
    });
    expect({
      services: await orgRows(t.db, 'services', world.orgA.id),
      groups: await orgRows(t.db, 'service_groups', world.orgA.id),
    }).toEqual(before);
    expect(await lastSeq(t.db, world.orgA.id)).toBe(seq);
  });

  it('refuses an id listed twice', async () => {
    const res = await send(t, 'PUT', path, admin, {
      services: [
        { id: ids.web, group_id: null, position: 0 },
        { id: ids.web, group_id: null, position: 1 },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: ['services'], message: 'A service may be listed only once', code: 'custom' },
    ]);
  });

  it('is for admins only', async () => {
    for (const user of [world.users.memberA, world.users.viewerA, world.users.adminB]) {
      const res = await send(t, 'PUT', path, await authFor(t, user), { groups: [] });
      expect(res.status).toBe(403);
    }
  });
});

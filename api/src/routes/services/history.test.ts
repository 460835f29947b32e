import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createService, createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';
import { authFor, send } from '../../../test/service-helpers.ts';
import { asSystem } from '../../db/doors.ts';

describe('GET /api/organizations/:orgId/services/:id/history', () => {
  let t: TestContext;
  let world: TenantWorld;
  let viewer: string;
  let path: string;
  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    viewer = await authFor(t, world.users.viewerA);
    const { id } = await createService(t.db, world.orgA.id);
    path = `/api/organizations/${world.orgA.id}/services/${id}/history`;
    // Five changes one hour apart, the last two in the same instant (ties broken by id).
    await asSystem(t.db, 'test', (tx) =>
      tx.query(
        `insert into public.service_status_history (org_id, service_id, status, previous_status, source, created_at)
         select $1, $2, s.status, s.previous, 'manual', s.at::timestamptz
         from (values ('degraded_performance', 'operational', '2024-05-01T10:00:00.000001Z'),
                      ('major_outage', 'degraded_performance', '2024-05-01T11:00:00.000002Z'),
                      ('operational', 'major_outage', '2024-05-01T12:00:00Z'),
                      ('partial_outage', 'operational', '2024-05-01T13:00:00Z'),
                      ('operational', 'partial_outage', '2024-05-01T13:00:00Z')) as s(status, previous, at)`,
        [world.orgA.id, id],
      ),
    );
    // Another service's history is not mixed in.
    const other = await createService(t.db, world.orgA.id);
    await send(
      t,
      'POST',
      `/api/organizations/${world.orgA.id}/services/${other.id}/status`,
      await authFor(t, world.users.memberA),
      { status: 'major_outage' },
    );
  });
  afterAll(() => t.close());

  it('pages newest first without skipping rows that share an instant', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const res = await send(t, 'GET', `${path}${query}`, viewer);
      expect(res.status).toBe(200);
      seen.push(
        ...res.body.data.map((row: { created_at: string; status: string }) => `${row.created_at} ${row.status}`),
      );
      cursor = res.body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.slice(2)).toEqual([
      '2024-05-01T12:00:00.000Z operational',
      '2024-05-01T11:00:00.000Z major_outage',
      '2024-05-01T10:00:00.000Z degraded_performance',
    ]);
    expect(seen.slice(0, 2).sort()).toEqual([
      '2024-05-01T13:00:00.000Z operational',
      '2024-05-01T13:00:00.000Z partial_outage',
    ]);
  });

  it('answers the full shape of a row', async () => {
    const res = await send(t, 'GET', `${path}?limit=1&from=2024-05-01T10:00:00Z&to=2024-05-01T11:00:00Z`, viewer);
    expect(res.body).toEqual({
      data: [
        {
          id: expect.any(String),
          service_id: path.split('/')[5],
          status: 'degraded_performance',
          previous_status: 'operational',
          source: 'manual',
          actor: null,
          incident_id: null,
          maintenance_id: null,
          message: null,
          created_at: '2024-05-01T10:00:00.000Z',
        },
      ],
      next_cursor: null,
    });
  });

  it('filters by from (inclusive) and to (exclusive)', async () => {
    const res = await send(t, 'GET', `${path}?from=2024-05-01T11:00:00.000002Z&to=2024-05-01T13:00:00Z`, viewer);
    expect(res.body.data.map((row: { status: string }) => row.status)).toEqual(['operational', 'major_outage']);
  });

  it('refuses a bad query and an unknown service', async () => {
    expect((await send(t, 'GET', `${path}?from=yesterday`, viewer)).status).toBe(400);
    expect((await send(t, 'GET', `${path}?limit=0`, viewer)).status).toBe(400);
    const cursor = Buffer.from(JSON.stringify(['not a time', 'x'])).toString('base64url');
    expect((await send(t, 'GET', `${path}?cursor=${cursor}`, viewer)).status).toBe(400);
    const unknown = path.replace(/services\/[^/]+/, `services/${crypto.randomUUID()}`);
    expect((await send(t, 'GET', unknown, viewer)).status).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createService, createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';
import { authFor, send } from '../../../test/service-helpers.ts';
import { asSystem } from '../../db/doors.ts';

describe('GET /api/organizations/:orgId/services/:id/uptime', () => {
  let t: TestContext;
  let world: TenantWorld;
  let viewer: string;
  let path: string;
  let serviceId: string;
  const setZone = (zone: string) =>
    asSystem(t.db, 'test', (tx) =>
      tx.query('update public.organizations set time_zone = $2 where id = $1', [world.orgA.id, zone]),
    );

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    viewer = await authFor(t, world.users.viewerA);
    serviceId = (await createService(t.db, world.orgA.id)).id;
    path = `/api/organizations/${world.orgA.id}/services/${serviceId}/uptime`;
    // Created at noon in Tokyo on 9 March; a major outage 23:00–01:00 Tokyo time on the night of the 10th.
    await asSystem(t.db, 'test', async (tx) => {
      await tx.query(`update public.services set created_at = '2024-03-09T03:00:00Z' where id = $1`, [serviceId]);
      await tx.query(
        `insert into public.service_status_history (org_id, service_id, status, previous_status, source, created_at)
         values ($1, $2, 'major_outage', 'operational', 'manual', '2024-03-10T14:00:00Z'),
                ($1, $2, 'operational', 'major_outage', 'manual', '2024-03-10T16:00:00Z')`,
        [world.orgA.id, serviceId],
      );
    });
    t.clock.current = new Date('2024-03-12T03:00:00Z'); // noon in Tokyo
  });
  afterAll(() => t.close());

  it('counts local days of the org’s time zone, with no data before the service existed', async () => {
    await setZone('Asia/Tokyo');
    const res = await send(t, 'GET', `${path}?days=5`, viewer);
    expect(res.status).toBe(200);
    const day = (date: string, status: string | null, uptime: number | null, major = 0) => ({
      date,
      status,
      uptime,
      major_outage_seconds: major,
      partial_outage_seconds: 0,
    });
    expect(res.body).toEqual({
      data: {
        service_id: serviceId,
        time_zone: 'Asia/Tokyo',
        uptime: 97.22, // 2 h down of 12 + 24 + 24 + 12 h
        days: [
          day('2024-03-08', null, null),
          day('2024-03-09', 'operational', 100),
          day('2024-03-10', 'major_outage', 95.83, 3600),
          day('2024-03-11', 'major_outage', 95.83, 3600),
          day('2024-03-12', 'operational', 100),
        ],
      },
    });
  });

  it('starts a window with the status of the last change before it', async () => {
    await setZone('Asia/Tokyo');
    const res = await send(t, 'GET', `${path}?days=2`, viewer);
    expect(res.body.data.days.map((d: { date: string; uptime: number }) => [d.date, d.uptime])).toEqual([
      ['2024-03-11', 95.83],
      ['2024-03-12', 100],
    ]);
  });

  it('counts in UTC when the org’s zone is unknown', async () => {
    await setZone('Mars/Olympus_Mons');
    const res = await send(t, 'GET', `${path}?days=3`, viewer);
    expect(res.body.data.time_zone).toBe('UTC');
    expect(res.body.data.days.map((d: { date: string; uptime: number }) => [d.date, d.uptime])).toEqual([
      ['2024-03-10', 91.66],
      ['2024-03-11', 100],
      ['2024-03-12', 100],
    ]);
  });

  it('defaults to 90 days and refuses 0 or more than 365', async () => {
    const res = await send(t, 'GET', path, viewer);
    expect(res.body.data.days).toHaveLength(90);
    expect(res.body.data.days.at(-1).date).toBe('2024-03-12');
    expect((await send(t, 'GET', `${path}?days=365`, viewer)).status).toBe(200);
    for (const days of ['0', '366', 'many']) {
      const bad = await send(t, 'GET', `${path}?days=${days}`, viewer);
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({
        code: 'validation_failed',
        details: [expect.objectContaining({ path: ['days'] })],
      });
    }
  });
});

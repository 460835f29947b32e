import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createApiKey, createService, createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';
import { authFor, send } from '../../../test/service-helpers.ts';
import { asSystem, withApiKey } from '../../db/doors.ts';
import { promtoolCheckMetrics, samplesOf } from '../../metrics/promtool-test-kit.ts';
import { serviceStatuses } from '../../contract/status.ts';

describe('GET /api/organizations/:orgId/metrics (tenant)', () => {
  let t: TestContext;
  let world: TenantWorld;
  let keyA: { id: string; secret: string };
  let keyB: { id: string; secret: string };
  let path: string;
  const services: { id: string; slug: string }[] = [];

  const scrape = async (auth = `Bearer ${keyA.secret}`) => {
    const res = await t.app.request(path, { headers: { Authorization: auth } });
    expect(res.status).toBe(200);
    return { res, body: await res.text() };
  };

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    path = `/api/organizations/${world.orgA.id}/metrics`;
    keyA = await createApiKey(t.db, world.orgA.id, ['metrics:read']);
    keyB = await createApiKey(t.db, world.orgB.id, ['metrics:read']);
    services.push(await createService(t.db, world.orgA.id, { slug: 'api' }));
    services.push(await createService(t.db, world.orgA.id, { slug: 'db', is_public: false }));
    services.push(await createService(t.db, world.orgA.id, { slug: 'cdn', status: 'partial_outage' }));
    await createService(t.db, world.orgB.id, { slug: 'b-only' });
    // History across every window: created 120 days ago, outages 100, 20, 3 days and hours ago.
    const now = new Date('2024-06-15T15:30:00Z');
    const ago = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();
    await asSystem(t.db, 'test', async (tx) => {
      await tx.query(`update public.organizations set time_zone = 'America/New_York' where id = $1`, [world.orgA.id]);
      for (const service of services) {
        await tx.query('update public.services set created_at = $2 where id = $1', [service.id, ago(120 * 24)]);
      }
      const history = [
        [services[0]!, 'major_outage', 100 * 24],
        [services[0]!, 'operational', 100 * 24 - 5],
        [services[0]!, 'partial_outage', 20 * 24],
        [services[0]!, 'operational', 19 * 24],
        [services[0]!, 'degraded_performance', 3],
        [services[1]!, 'major_outage', 3 * 24],
        [services[1]!, 'operational', 3 * 24 - 2],
        [services[2]!, 'partial_outage', 10],
      ] as const;
      for (const [service, status, hours] of history) {
        await tx.query(
          `insert into public.service_status_history (org_id, service_id, status, source, created_at)
           values ($1, $2, $3, 'manual', $4)`,
          [world.orgA.id, service.id, status, ago(hours)],
        );
      }
    });
    t.clock.current = now;
  });
  afterAll(() => t.close());

  it('answers the Prometheus text format, which promtool accepts', async () => {
    const { res, body } = await scrape();
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const check = await promtoolCheckMetrics(body);
    expect(check.output).toBe('');
    expect(check.code).toBe(0);
    expect(body).toContain(
      '# HELP lantern_service_status_code Shown status of each service as a number: 0 operational',
    );
  });

  it('shows one status series per status and the status code for every service, private ones too', async () => {
    const { body } = await scrape();
    const status = samplesOf(body, 'lantern_service_status');
    expect(status).toHaveLength(3 * serviceStatuses.length);
    for (const each of serviceStatuses) {
      expect(status).toContainEqual({
        labels: { service: 'cdn', status: each },
        value: each === 'partial_outage' ? 1 : 0,
      });
    }
    expect(samplesOf(body, 'lantern_service_status_code')).toEqual([
      { labels: { service: 'api' }, value: 0 },
      { labels: { service: 'cdn' }, value: 2 },
      { labels: { service: 'db' }, value: 0 },
    ]);
    expect(body).not.toContain('b-only');
    expect(body).not.toContain(world.orgA.id);
  });

  it('has the uptime route’s numbers for 1, 7, 30 and 90 days', async () => {
    const { body } = await scrape();
    const uptime = samplesOf(body, 'lantern_service_uptime_ratio');
    expect(uptime).toHaveLength(services.length * 4);
    const admin = await authFor(t, world.users.adminA);
    for (const service of services) {
      for (const days of [1, 7, 30, 90]) {
        const route = await send(
          t,
          'GET',
          `${path.replace('/metrics', '')}/services/${service.id}/uptime?days=${days}`,
          admin,
        );
        const sample = uptime.find((s) => s.labels.service === service.slug && s.labels.window === `${days}d`);
        expect(sample?.value, `${service.slug} ${days}d`).toBe(route.body.data.uptime / 100);
      }
    }
    // The fixtures are not trivial: some window of each service is below 1.
    for (const service of services) {
      expect(
        uptime.some((s) => s.labels.service === service.slug && s.value < 1),
        service.slug,
      ).toBe(true);
    }
  });

  it('shows status changes and incidents made through the API', async () => {
    const admin = await authFor(t, world.users.adminA);
    const api = services[0]!;
    const set = await send(t, 'POST', `${path.replace('/metrics', '')}/services/${api.id}/status`, admin, {
      status: 'major_outage',
      message: 'Down',
    });
    expect(set.status).toBe(200);
    const incident = await send(t, 'POST', `${path.replace('/metrics', '')}/incidents`, admin, {
      title: 'Database slow',
      impact: 'major',
      message: 'Looking into it',
      services: [{ service_id: services[1]!.id, status: 'degraded_performance' }],
    });
    expect(incident.status).toBe(201);
    const { body } = await scrape();
    expect(samplesOf(body, 'lantern_service_status')).toContainEqual({
      labels: { service: 'api', status: 'major_outage' },
      value: 1,
    });
    expect(samplesOf(body, 'lantern_service_status_code')).toContainEqual({ labels: { service: 'api' }, value: 3 });
    expect(samplesOf(body, 'lantern_service_status_code')).toContainEqual({ labels: { service: 'db' }, value: 1 });
    expect(samplesOf(body, 'lantern_incidents_open')).toEqual([
      { labels: { impact: 'none' }, value: 0 },
      { labels: { impact: 'minor' }, value: 0 },
      { labels: { impact: 'major' }, value: 1 },
      { labels: { impact: 'critical' }, value: 0 },
    ]);
    expect(samplesOf(body, 'lantern_maintenance_active')).toEqual([{ labels: {}, value: 0 }]);
  });

  it("refuses org A's key on org B's metrics, and the admin of B on A's", async () => {
    const cross = await t.app.request(`/api/organizations/${world.orgB.id}/metrics`, {
      headers: { Authorization: `Bearer ${keyA.secret}` },
    });
    expect(cross.status).toBe(403);
    expect(await cross.text()).not.toContain('b-only');
    const adminB = await authFor(t, world.users.adminB);
    expect((await t.app.request(path, { headers: { Authorization: adminB } })).status).toBe(403);
    expect((await t.app.request(path, { headers: { Authorization: `Bearer ${keyB.secret}` } })).status).toBe(403);
  });

  it('is refused by the database too: the function returns nothing to another org’s key', async () => {
    const asKeyA = { keyId: keyA.id, orgId: world.orgA.id, scopes: ['metrics:read'] };
    const [row] = await withApiKey(t.db, asKeyA, (tx) =>
      tx.query<{ metrics: unknown }>('select public.get_org_metrics($1) as metrics', [world.orgB.id]),
    );
    expect(row!.metrics).toBeNull();
    const changes = await withApiKey(t.db, asKeyA, (tx) =>
      tx.query('select * from public.get_org_status_changes($1, $2, $3)', [world.orgB.id, '2000-01-01', '2100-01-01']),
    );
    expect(changes).toEqual([]);
  });
});

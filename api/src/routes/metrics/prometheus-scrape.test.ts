import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createApiKey, createService, createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';
import { authFor, send } from '../../../test/service-helpers.ts';
import { serveApp } from '../../../test/streams.ts';
import { pollUntil, startPrometheus, type TestPrometheus } from '../../metrics/prometheus-test-kit.ts';

interface Targets {
  data: { activeTargets: { health: string; lastError: string; scrapeUrl: string }[] };
}
interface Query {
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
}

/**
 * A real Prometheus (Debian's) scrapes the tenant endpoint of a real listening server with a
 * `metrics:read` key, sent the way its `authorization` config sends it; its HTTP API must then show
 * the target up and the status a person set through our API.
 */
describe('a real Prometheus scraping the tenant endpoint', () => {
  let t: TestContext;
  let world: TenantWorld;
  let served: Awaited<ReturnType<typeof serveApp>>;
  let prometheus: TestPrometheus;
  let serviceId: string;

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    serviceId = (await createService(t.db, world.orgA.id, { slug: 'api' })).id;
    const key = await createApiKey(t.db, world.orgA.id, ['metrics:read']);
    served = await serveApp(t.app, t.deps);
    const target = new URL(served.url).host;
    prometheus = await startPrometheus(
      [
        'global:',
        '  scrape_interval: 1s',
        '  scrape_timeout: 1s',
        'scrape_configs:',
        '  - job_name: lantern-tenant',
        `    metrics_path: /api/organizations/${world.orgA.id}/metrics`,
        '    authorization:',
        `      credentials: ${key.secret}`,
        '    static_configs:',
        `      - targets: ['${target}']`,
        '',
      ].join('\n'),
    );
  }, 60_000);
  afterAll(async () => {
    await prometheus?.stop();
    await served?.close();
    await t?.close();
  });

  it('sees the target up and the status set through the API', async () => {
    let targets: Targets['data']['activeTargets'] = [];
    await pollUntil(async () => {
      targets = (await prometheus.api<Targets>('/api/v1/targets')).data.activeTargets;
      return targets[0]?.health === 'up';
    }, 20_000).catch(() => expect(targets).toMatchObject([{ health: 'up' }]));

    const admin = await authFor(t, world.users.adminA);
    const set = await send(t, 'POST', `/api/organizations/${world.orgA.id}/services/${serviceId}/status`, admin, {
      status: 'major_outage',
      message: 'Down',
    });
    expect(set.status).toBe(200);

    const query = (promql: string) =>
      prometheus.api<Query>(`/api/v1/query?query=${encodeURIComponent(promql)}`).then((r) => r.data.result);
    let code: Query['data']['result'] = [];
    await pollUntil(async () => {
      code = await query('lantern_service_status_code{service="api"}');
      return code[0]?.value[1] === '3';
    }, 20_000).catch(() => expect(code.map((r) => r.value[1])).toEqual(['3']));
    expect(code[0]!.metric).toMatchObject({ job: 'lantern-tenant', service: 'api' });
    const status = await query('lantern_service_status{service="api",status="major_outage"}');
    expect(status.map((r) => r.value[1])).toEqual(['1']);
    expect((await query('up{job="lantern-tenant"}')).map((r) => r.value[1])).toEqual(['1']);
  }, 60_000);
});

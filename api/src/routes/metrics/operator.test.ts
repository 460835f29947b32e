import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createTenantWorld, createService, type TenantWorld } from '../../../test/fixtures.ts';
import { authFor } from '../../../test/service-helpers.ts';
import { serveApp } from '../../../test/streams.ts';
import { promtoolCheckMetrics, samplesOf } from '../../metrics/promtool-test-kit.ts';

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('GET /metrics (operator)', () => {
  let t: TestContext;
  let world: TenantWorld;

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
  });
  afterAll(() => t.close());

  const scrape = async () => {
    const res = await t.app.request('/metrics');
    expect(res.status).toBe(200);
    return { res, body: await res.text() };
  };

  it('answers the Prometheus text format, which promtool accepts', async () => {
    await t.app.request('/api/health');
    const { res, body } = await scrape();
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const check = await promtoolCheckMetrics(body);
    expect(check.output).toBe('');
    expect(check.code).toBe(0);
    expect(body).toContain('process_cpu_user_seconds_total');
    expect(body).toMatch(/^nodejs_active_handles\{/m);
    expect(body).not.toContain('nodejs_active_handles_total');
  });

  it('labels requests with the route pattern and status class, never the URL or an id', async () => {
    const { id } = await createService(t.db, world.orgA.id);
    const admin = await authFor(t, world.users.adminA);
    const ok = await t.app.request(`/api/organizations/${world.orgA.id}/services/${id}`, {
      headers: { Authorization: admin },
    });
    expect(ok.status).toBe(200);
    // Refused by the access check (a middleware) and unmatched: still the pattern, or the fixed label.
    expect((await t.app.request(`/api/organizations/${world.orgA.id}/services/${id}`)).status).toBe(401);
    expect((await t.app.request(`/api/nothing/${id}`)).status).toBe(404);

    const { body } = await scrape();
    const requests = samplesOf(body, 'lantern_http_requests_total');
    const route = '/api/organizations/:orgId/services/:id';
    expect(requests).toContainEqual({ labels: { method: 'GET', route, status_class: '2xx' }, value: 1 });
    expect(requests).toContainEqual({ labels: { method: 'GET', route, status_class: '4xx' }, value: 1 });
    expect(requests).toContainEqual({ labels: { method: 'GET', route: 'unmatched', status_class: '4xx' }, value: 1 });
    const durations = samplesOf(body, 'lantern_http_request_duration_seconds_count');
    expect(durations).toContainEqual({ labels: { method: 'GET', route, status_class: '2xx' }, value: 1 });
    for (const line of body.split('\n').filter((l) => l.includes('{'))) expect(line).not.toMatch(uuid);
    expect(body).not.toContain(world.orgA.slug);
  });

  it('counts the fast lane under the same route pattern as Hono', async () => {
    const served = await serveApp(t.app, t.deps);
    try {
      const url = `${served.url}/api/public/status/${world.orgA.slug}`;
      expect((await fetch(url)).status).toBe(200); // cold: Hono answers and fills the cache
      const warm = await fetch(url);
      expect(warm.status).toBe(200);
      await warm.text();
      const { body } = await scrape();
      const labels = { method: 'GET', route: '/api/public/status/:orgSlug', status_class: '2xx' };
      expect(samplesOf(body, 'lantern_http_requests_total')).toContainEqual({ labels, value: 2 });
      expect(samplesOf(body, 'lantern_public_snapshot_cache_hits_total')[0]!.value).toBeGreaterThanOrEqual(1);
      expect(samplesOf(body, 'lantern_public_snapshot_cache_misses_total')[0]!.value).toBeGreaterThanOrEqual(1);
    } finally {
      await served.close();
    }
  });

  it('counts login rate-limit refusals', async () => {
    const limited = await createTestContext({ RATE_LIMIT_LOGIN_PER_IP: '2' });
    try {
      const login = () =>
        limited.app.request('/api/auth/login', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: 'nobody@example.test', password: 'wrong-password-123' }),
        });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await login()).status);
      expect(statuses).toEqual([401, 401, 429, 429]);
      const body = await (await limited.app.request('/metrics')).text();
      expect(samplesOf(body, 'lantern_login_rate_limited_total')).toEqual([{ labels: {}, value: 2 }]);
      // Each app has its own registry: the other app counted none.
      expect(samplesOf((await scrape()).body, 'lantern_login_rate_limited_total')).toEqual([{ labels: {}, value: 0 }]);
    } finally {
      await limited.close();
    }
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const token = 'operator-token-0123456789';
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ METRICS_TOKEN: token });
  });
  afterAll(() => t.close());

  it('refuses no token and a wrong one with the standard 401, and answers the right one', async () => {
    const none = await t.app.request('/metrics');
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    for (const wrong of [`Bearer ${token}x`, `Bearer ${token.slice(1)}`, token, 'Bearer ']) {
      expect((await t.app.request('/metrics', { headers: { Authorization: wrong } })).status, wrong).toBe(401);
    }
    const ok = await t.app.request('/metrics', { headers: { Authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('lantern_http_requests_total');
  });
});

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test-app.ts';
import { createApiKey, createService, createTenantWorld, type TenantWorld } from '../fixtures.ts';
import { serveApp } from '../streams.ts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET from the loopback address `from` (127.0.0.0/8 is all ours): another client IP to the server. */
function getFrom(url: string, from: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { localAddress: from, headers }, (res) => {
      // A stream never ends: its status and headers are the answer.
      if (res.headers['content-type']?.startsWith('text/event-stream')) {
        res.destroy();
        return resolve({ status: res.statusCode!, headers: res.headers, body: '' });
      }
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('request rate limits (429 with Retry-After)', () => {
  let t: TestContext;
  let world: TenantWorld;
  let server: Awaited<ReturnType<typeof serveApp>>;
  beforeAll(async () => {
    t = await createTestContext({
      RATE_LIMIT_WRITES_PER_MIN: '5',
      RATE_LIMIT_PUBLIC_PER_MIN: '4',
      RATE_LIMIT_STREAM_CONNECTS_PER_MIN: '3',
    });
    world = await createTenantWorld(t.db);
    server = await serveApp(t.app, t.deps);
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  it('limits writes per user and per API key, each on its own count', async () => {
    const service = await createService(t.db, world.orgA.id);
    const write = async (authorization: string, n: number) =>
      t.app.request(`/api/organizations/${world.orgA.id}/services/${service.id}/status`, {
        method: 'POST',
        headers: { Authorization: authorization, 'Content-Type': 'application/json' },
        body: JSON.stringify({ status: n % 2 ? 'operational' : 'degraded_performance' }),
      });
    const member = `Bearer ${await t.tokens.sign(world.users.memberA.id, world.users.memberA.email)}`;
    for (let n = 0; n < 5; n++) expect((await write(member, n)).status).toBe(200);
    const refused = await write(member, 5);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited', requestId: expect.any(String) } });
    // Reads are not writes; another caller has its own count; the window ends.
    const read = await t.app.request(`/api/organizations/${world.orgA.id}/services`, {
      headers: { Authorization: member },
    });
    expect(read.status).toBe(200);
    const key = await createApiKey(t.db, world.orgA.id, ['status:write']);
    expect((await write(`Bearer ${key.secret}`, 6)).status).toBe(200);
    t.clock.advance(60_000);
    expect((await write(member, 7)).status).toBe(200);
  });

  it('limits public reads per client IP, fast lane and Hono alike, readable cross-origin', async () => {
    const url = `${server.url}/api/public/status/${world.orgA.slug}`;
    const statuses: number[] = [];
    for (let n = 0; n < 4; n++) statuses.push((await getFrom(url, '127.0.0.11')).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    const refused = await getFrom(url, '127.0.0.11');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['access-control-allow-origin']).toBe('*');
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'rate_limited' } });
    // The summary is answered by Hono: the same count.
    expect((await getFrom(`${url}/summary.json`, '127.0.0.11')).status).toBe(429);
    // Another client is not affected.
    expect((await getFrom(url, '127.0.0.12')).status).toBe(200);
  });

  it('limits stream connects per client IP', async () => {
    const url = `${server.url}/api/public/status/${world.orgA.slug}/stream`;
    for (let n = 0; n < 3; n++) expect((await getFrom(url, '127.0.0.21')).status).toBe(200);
    const refused = await getFrom(url, '127.0.0.21');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['access-control-allow-origin']).toBe('*');
    expect((await getFrom(url, '127.0.0.22')).status).toBe(200);
  });
});

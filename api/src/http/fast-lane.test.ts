import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createOrg } from '../../test/fixtures.ts';
import { createService, eventually, serveApp } from '../../test/streams.ts';
import { asSystem } from '../db/doors.ts';
import { appendEvent } from '../db/events.ts';
import { publicSnapshots } from '../public-snapshot/registry.ts';

// The production listener (http/listen.ts) on a real port: warm public reads are answered by the
// fast lane, everything else by Hono. Both must give the same answers.
let ctx: TestContext;
let server: Awaited<ReturnType<typeof serveApp>>;
let org: { id: string; slug: string };

beforeAll(async () => {
  ctx = await createTestContext();
  server = await serveApp(ctx.app, ctx.deps);
  org = await createOrg(ctx.db);
  await createService(ctx.db, org.id);
});
afterAll(async () => {
  await server.close();
  await ctx.close();
});

const get = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, { redirect: 'manual', ...init });
const warm = (slug: string) => publicSnapshots(ctx.deps).cachedPage(slug) !== undefined;
const publicHeaderNames = [
  'access-control-allow-origin',
  'access-control-expose-headers',
  'cross-origin-resource-policy',
  'x-content-type-options',
  'etag',
  'cache-control',
  'content-type',
];

describe('public fast lane (through the real server)', () => {
  it('answers a warm snapshot with the same bytes and headers as the Hono route', async () => {
    const cold = await get(`/api/public/status/${org.slug}`); // Hono: builds and caches
    const coldBody = await cold.text();
    expect(cold.status).toBe(200);
    await eventually(() => warm(org.slug), 5_000, 'the snapshot to be cached');
    const hot = await get(`/api/public/status/${org.slug}`, { headers: { 'X-Request-Id': 'fast-lane-test-1' } });
    expect(hot.status).toBe(200);
    expect(await hot.text()).toBe(coldBody);
    for (const name of publicHeaderNames) expect(hot.headers.get(name), name).toBe(cold.headers.get(name));
    expect(hot.headers.get('access-control-allow-origin')).toBe('*');
    expect(hot.headers.get('x-request-id')).toBe('fast-lane-test-1');
    expect(Number(hot.headers.get('content-length'))).toBe(Buffer.byteLength(coldBody));
    // And as app.request (no server, Hono only) answers.
    const viaHono = await ctx.app.request(`/api/public/status/${org.slug}`);
    expect(await viaHono.text()).toBe(coldBody);
    expect(viaHono.headers.get('etag')).toBe(hot.headers.get('etag'));
  });

  it('answers HEAD without a body and 304 on a matching If-None-Match', async () => {
    await get(`/api/public/status/${org.slug}`);
    await eventually(() => warm(org.slug), 5_000, 'the snapshot to be cached');
    const full = await get(`/api/public/status/${org.slug}`);
    const etag = full.headers.get('etag')!;
    const head = await get(`/api/public/status/${org.slug}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
    expect(await head.text()).toBe('');
    const notModified = await get(`/api/public/status/${org.slug}`, { headers: { 'If-None-Match': `W/${etag}` } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(notModified.headers.get('access-control-allow-origin')).toBe('*');
    expect(await notModified.text()).toBe('');
  });

  it('serves a new snapshot after an event, never the stale one', async () => {
    await get(`/api/public/status/${org.slug}`);
    await eventually(() => warm(org.slug), 5_000, 'the snapshot to be cached');
    const before = (await (await get(`/api/public/status/${org.slug}`)).json()) as { data: { seq: number } };
    const event = await asSystem(ctx.db, 'test', (tx) => appendEvent(tx, org.id, 'test.changed', {}));
    await eventually(() => !warm(org.slug), 5_000, 'the event to invalidate the cache');
    const after = (await (await get(`/api/public/status/${org.slug}`)).json()) as { data: { seq: number } };
    expect(after.data.seq).toBe(Number(event.seq));
    expect(after.data.seq).toBeGreaterThan(before.data.seq);
  });

  it('leaves renamed slugs (308, CORS) and unknown ones (404 error body with requestId) to Hono', async () => {
    const renamed = await createOrg(ctx.db);
    await get(`/api/public/status/${renamed.slug}`);
    const slug = `${renamed.slug}-new`;
    await asSystem(ctx.db, 'test', async (tx) => {
      await tx.query('update public.organizations set slug = $2 where id = $1', [renamed.id, slug]);
      await appendEvent(tx, renamed.id, 'organization.updated', {});
    });
    // The old slug's page leaves the cache on the event's notification (asynchronous on a server).
    await eventually(() => !warm(renamed.slug), 5_000, 'the rename to invalidate the cache');
    const moved = await get(`/api/public/status/${renamed.slug}`);
    expect(moved.status).toBe(308);
    expect(moved.headers.get('location')).toBe(`/api/public/status/${slug}`);
    expect(moved.headers.get('access-control-allow-origin')).toBe('*');
    const unknown = await get('/api/public/status/no-such-org-anywhere');
    expect(unknown.status).toBe(404);
    const body = (await unknown.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.requestId).toBe(unknown.headers.get('x-request-id'));
    expect(unknown.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('leaves a request with an Authorization header to Hono, which verifies it', async () => {
    await get(`/api/public/status/${org.slug}`);
    await eventually(() => warm(org.slug), 5_000, 'the snapshot to be cached');
    const res = await get(`/api/public/status/${org.slug}`, { headers: { Authorization: 'Bearer not-a-token' } });
    expect(res.status).toBe(401);
  });

  it('answers CORS preflights of public routes and the public stream with 204', async () => {
    for (const path of [
      `/api/public/status/${org.slug}`,
      `/api/public/status/${org.slug}/summary.json`,
      `/api/public/status/${org.slug}/stream`,
    ]) {
      const res = await get(path, {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://example.com',
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'last-event-id',
        },
      });
      expect(res.status, path).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS');
      expect(res.headers.get('access-control-allow-headers')).toBe('Last-Event-ID, If-None-Match, Cache-Control');
      expect(res.headers.get('access-control-max-age')).toBe('86400');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });
});

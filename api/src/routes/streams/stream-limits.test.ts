import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect as tcpConnect } from 'node:net';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createApiKey, createOrg } from '../../../test/fixtures.ts';
import { eventually, openSse, serveApp, type SseReader } from '../../../test/streams.ts';

// STREAMS_PER_IP=3 here; TRUST_PROXY=1 so that X-Forwarded-For names distinct clients.
let ctx: TestContext;
let server: Awaited<ReturnType<typeof serveApp>>;
let org: Awaited<ReturnType<typeof createOrg>>;
let key: string;
const readers: SseReader[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ STREAMS_PER_IP: '3', STREAMS_PER_PROCESS: '5', TRUST_PROXY: '1' });
  server = await serveApp(ctx.app, ctx.deps);
  org = await createOrg(ctx.db);
  key = (await createApiKey(ctx.db, org.id, ['read'])).secret;
});
afterAll(async () => {
  for (const reader of readers) reader.close();
  await server.close();
  await ctx.close();
});

const stats = () => ctx.deps.realtime!.stats();
const publicPath = () => `/api/public/status/${org.slug}/stream`;
const orgPath = () => `/api/organizations/${org.id}/stream`;

async function open(path: string, headers: Record<string, string> = {}): Promise<SseReader> {
  const reader = await openSse(`${server.url}${path}`, headers);
  readers.push(reader);
  return reader;
}

async function closeAll(list: SseReader[]): Promise<void> {
  for (const reader of list) reader.close();
  await eventually(() => stats().admitted === 0 && stats().clientIps === 0, 5_000, 'streams released');
}

describe('stream caps', () => {
  it('refuses a client its 4th stream (public and org together) with 429, Retry-After and the error body', async () => {
    const client = { 'X-Forwarded-For': '203.0.113.7' };
    const opened = [
      await open(publicPath(), client),
      await open(orgPath(), { ...client, Authorization: `Bearer ${key}` }),
      await open(publicPath(), client),
    ];
    expect(opened.map((r) => r.status)).toEqual([200, 200, 200]);
    for (const path of [publicPath(), orgPath()]) {
      const refused = await fetch(`${server.url}${path}`, { headers: { ...client, Authorization: `Bearer ${key}` } });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('10');
      expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited', requestId: expect.any(String) } });
    }
    const anonymous = await fetch(`${server.url}${publicPath()}`, { headers: client });
    expect(anonymous.status).toBe(429);
    expect(anonymous.headers.get('access-control-allow-origin')).toBe('*');
    await anonymous.body?.cancel();

    // Another client is not affected; a closed stream frees its slot at once.
    const other = await open(publicPath(), { 'X-Forwarded-For': '198.51.100.9' });
    expect(other.status).toBe(200);
    opened[0]!.close();
    await eventually(() => stats().admitted === 3, 5_000, 'the closed stream released');
    const again = await open(publicPath(), client);
    expect(again.status).toBe(200);
    await closeAll([...opened, other, again]);
  });

  it('keeps the per-process cap (503 with Retry-After)', async () => {
    const held = [];
    for (let i = 0; i < 5; i++) held.push(await open(publicPath(), { 'X-Forwarded-For': `192.0.2.${i + 1}` }));
    expect(held.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const refused = await fetch(`${server.url}${publicPath()}`, { headers: { 'X-Forwarded-For': '192.0.2.99' } });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toMatchObject({ error: { code: 'unavailable' } });
    await closeAll(held);
  });

  it('returns the admission counts to their baseline after 1,000 abrupt connect/disconnect cycles', async () => {
    expect(stats()).toMatchObject({ admitted: 0, clientIps: 0, streamsOpen: 0 });
    const port = Number(new URL(server.url).port);
    for (let batch = 0; batch < 20; batch++) {
      await Promise.all(
        Array.from(
          { length: 50 },
          (_, i) =>
            new Promise<void>((resolve) => {
              const path = i % 3 === 0 ? orgPath() : publicPath();
              const auth = i % 3 === 0 ? `Authorization: Bearer ${key}\r\n` : '';
              const socket = tcpConnect(port, '127.0.0.1');
              socket.on('error', () => {});
              socket.on('close', () => resolve());
              // Five clients, so some are refused (429) and some admitted, then everyone vanishes.
              socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 10.0.0.${i % 5}\r\n${auth}\r\n`);
              if (i % 2 === 0) socket.destroy();
              else socket.once('data', () => socket.destroy());
            }),
        ),
      );
    }
    await eventually(
      () => {
        const now = stats();
        return (
          now.admitted === 0 && now.clientIps === 0 && now.streamsOpen === 0 && now.listeners === 0 && now.topics === 0
        );
      },
      10_000,
      'admission and hub counts back to baseline',
    );
    // And streams are admitted again.
    const reader = await open(publicPath(), { 'X-Forwarded-For': '10.0.0.1' });
    expect(reader.status).toBe(200);
    await closeAll([reader]);
  });
});

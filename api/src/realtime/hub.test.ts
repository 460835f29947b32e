import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect as tcpConnect, type Socket } from 'node:net';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createApiKey, createOrg } from '../../test/fixtures.ts';
import { createService, eventually, openSse, serveApp, updateService } from '../../test/streams.ts';
import { asSystem } from '../db/doors.ts';
import { appendEvent } from '../db/events.ts';

let ctx: TestContext;
let server: Awaited<ReturnType<typeof serveApp>>;

beforeAll(async () => {
  // A thousand connects from one IP in seconds: the connect rate limit (hardening/request-rate-limits
  // tests it) is raised explicitly, so what is measured here is the hub.
  ctx = await createTestContext({ RATE_LIMIT_STREAM_CONNECTS_PER_MIN: '1000000' }, { maxBlockedMs: 1_000 });
  server = await serveApp(ctx.app, ctx.deps);
});
afterAll(async () => {
  await server.close();
  await ctx.close();
});

const stats = () => ctx.deps.realtime!.stats();
const port = () => Number(new URL(server.url).port);

/** A raw HTTP client: sends the request and hands back the socket, read or not as the test wants. */
function rawRequest(path: string, headers: Record<string, string> = {}): Socket {
  const socket = tcpConnect(port(), '127.0.0.1');
  socket.on('error', () => {});
  const lines = [
    `GET ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    '',
    '',
  ];
  socket.write(lines.join('\r\n'));
  return socket;
}

describe('hub', () => {
  it('returns to its baseline counts after 1,000 abrupt connect/disconnect cycles', async () => {
    const org = await createOrg(ctx.db);
    await createService(ctx.db, org.id);
    const baseline = stats();
    expect(baseline).toMatchObject({ streamsOpen: 0, topics: 0, listeners: 0, timers: 0, followedOrgs: 0 });
    const path = `/api/public/status/${org.slug}/stream`;
    for (let batch = 0; batch < 20; batch++) {
      await Promise.all(
        Array.from(
          { length: 50 },
          (_, i) =>
            new Promise<void>((resolve) => {
              const socket = rawRequest(path);
              socket.on('close', () => resolve());
              // Half vanish before any answer, half right after the first bytes of the stream.
              if (i % 2 === 0) socket.destroy();
              else socket.once('data', () => socket.destroy());
            }),
        ),
      );
      if (batch === 10)
        await updateService(ctx.db, org.id, (await createService(ctx.db, org.id)).id, { status: 'major_outage' });
    }
    await eventually(
      () => {
        const now = stats();
        return (
          now.streamsOpen === 0 &&
          now.topics === 0 &&
          now.listeners === 0 &&
          now.timers === 0 &&
          now.followedOrgs === 0 &&
          now.admitted === 0 &&
          now.clientIps === 0
        );
      },
      10_000,
      'hub counts back to baseline',
    );
    // And the hub still serves.
    const reader = await openSse(`${server.url}${path}`);
    await reader.until((e) => e.length === 1);
    reader.close();
    await eventually(() => stats().streamsOpen === 0, 5_000, 'the last stream to close');
  });

  it('drops a consumer that stops reading while the others keep receiving', async () => {
    const org = await createOrg(ctx.db);
    const key = await createApiKey(ctx.db, org.id, ['read']);
    const path = `/api/organizations/${org.id}/stream`;
    const fast = await openSse(`${server.url}${path}`, { Authorization: `Bearer ${key.secret}` });
    await fast.until((e) => e.length === 1);
    const slow = rawRequest(path, { Authorization: `Bearer ${key.secret}` });
    await new Promise((resolve) => slow.once('data', resolve));
    slow.pause(); // never reads again: the kernel buffers fill, then the server's queue
    const slowClosed = new Promise((resolve) => slow.on('close', resolve));
    await eventually(() => stats().streamsOpen === 2, 5_000, 'both streams open');
    const droppedBefore = stats().clientsDropped;

    const blob = 'x'.repeat(16 * 1024);
    const total = 400;
    for (let i = 0; i < total; i++) {
      await asSystem(ctx.db, 'test', (tx) => appendEvent(tx, org.id, 'test.bulk', { i, blob }));
      // PGlite runs in this process: let socket I/O run between writes, as a separate writer would.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const events = await fast.until((e) => e.length === 1 + total, 30_000);
    expect(events.slice(1).map((e) => (e.data.payload as { i: number }).i)).toEqual(
      Array.from({ length: total }, (_, i) => i),
    );
    await eventually(() => stats().clientsDropped === droppedBefore + 1, 10_000, 'the slow consumer to be dropped');
    expect(stats().streamsOpen).toBe(1);
    slow.resume();
    await slowClosed;
    fast.close();
  });
});

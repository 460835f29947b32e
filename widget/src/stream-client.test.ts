import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openEventStream, type StreamEvent } from './stream-client.ts';
import type { PublicStreamEventMap } from '../../api/src/contract/stream-events.ts';
import { createTestContext, type TestContext } from '../../api/test/test-app.ts';
import { createOrg } from '../../api/test/fixtures.ts';
import { createService, eventually, serveApp, updateService } from '../../api/test/streams.ts';

let ctx: TestContext;
let api: Awaited<ReturnType<typeof serveApp>>;

beforeAll(async () => {
  ctx = await createTestContext();
  api = await serveApp(ctx.app, ctx.deps); // the production server, fast lane included
});
afterAll(async () => {
  await api.close();
  await ctx.close();
});

/** A throwaway node:http server for the failure modes the real API does not produce on demand. */
async function fakeServer(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/stream`, server };
}

describe('openEventStream against the real API', () => {
  it('receives typed events and resumes with the last id after the connection is cut, without gaps or duplicates', async () => {
    const org = await createOrg(ctx.db);
    const svc = await createService(ctx.db, org.id);
    const received: StreamEvent<PublicStreamEventMap>[] = [];
    const client = openEventStream({
      url: `${api.url}/api/public/status/${org.slug}/stream`,
      onEvent: (event) => received.push(event),
      minDelayMs: 20,
      maxDelayMs: 100,
    });
    await eventually(() => received.length === 1, 10_000, 'the snapshot');
    expect(received[0]!.event).toBe('snapshot');
    const seqs: number[] = [];
    const statuses = ['major_outage', 'operational'];
    for (let i = 0; i < 6; i++) {
      seqs.push(await updateService(ctx.db, org.id, svc.id, { status: statuses[i % 2]! }));
      if (i === 2) {
        await eventually(() => received.length === 4, 10_000, 'three changes');
        api.server.closeAllConnections(); // the server side cuts every stream
      }
    }
    await eventually(() => received.filter((e) => e.event === 'service').length === 6, 15_000, 'all six changes');
    const changes = received.filter((e) => e.event === 'service');
    expect(changes.map((e) => Number(e.id))).toEqual(seqs);
    const first = changes[0]!;
    if (first.event === 'service' && 'service' in first.data) expect(first.data.service.status).toBe('major_outage');
    expect(client.lastEventId).toBe(String(seqs.at(-1)));
    client.close();
    await eventually(() => ctx.deps.realtime!.stats().streamsOpen === 0, 5_000, 'the stream to close on the server');
  });

  it('gives up on 404 instead of retrying forever', async () => {
    const errors: (number | null)[] = [];
    openEventStream({
      url: `${api.url}/api/public/status/no-such-org-x/stream`,
      onEvent: () => {},
      onError: (_, retry) => errors.push(retry),
    });
    await eventually(() => errors.length === 1, 5_000, 'the error');
    expect(errors).toEqual([null]);
  });
});

describe('openEventStream failure handling', () => {
  it('honours Retry-After', async () => {
    const times: number[] = [];
    const { url, server } = await fakeServer((req, res) => {
      times.push(Date.now());
      if (times.length === 1) return void res.writeHead(503, { 'Retry-After': '1' }).end();
      res.writeHead(200, { 'Content-Type': 'text/event-stream' }).write('id: 1\nevent: snapshot\ndata: {"seq":1}\n\n');
    });
    const events: unknown[] = [];
    const client = openEventStream({ url, onEvent: (e) => events.push(e), minDelayMs: 10 });
    await eventually(() => events.length === 1, 5_000, 'the event after the retry');
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
    client.close();
    server.closeAllConnections();
    server.close();
  });

  it('reconnects a silent stream after the heartbeat timeout, resuming from the last id', async () => {
    const urls: string[] = [];
    const { url, server } = await fakeServer((req, res) => {
      urls.push(req.url!);
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      if (urls.length === 1) res.write('id: 7\nevent: snapshot\ndata: {"seq":7}\n\n'); // then silence
    });
    const client = openEventStream({ url, onEvent: () => {}, heartbeatTimeoutMs: 200, minDelayMs: 10, maxDelayMs: 20 });
    await eventually(() => urls.length >= 2, 5_000, 'a reconnect');
    expect(urls[0]).toBe('/stream');
    expect(urls[1]).toBe('/stream?lastEventId=7');
    client.close();
    server.closeAllConnections();
    server.close();
  });
});

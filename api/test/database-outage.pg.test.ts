import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProduct, type ProductProcess } from './product-process.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';
import { startTcpProxy, type CutMode, type TcpProxy } from './tcp-proxy.ts';
import { createDemoService, signInDemo, setStatus, type DemoSession } from './demo-session.ts';
import { openSse, type SseReader } from './streams.ts';

// A 30 s outage: half with the database host silent (connects hang until the
// pool's connect timeout), half with it refusing (connections closed at once). The proxy is ours;
// the shared PostgreSQL server is never touched.
const phaseMs = 15_000;
const statuses = ['degraded_performance', 'operational'] as const;

interface Probe {
  mode: CutMode;
  writeMs: number;
  writeStatus: number | null;
  retryAfter: string | null;
  jsonStatus: number;
  jsonBody: string;
  pageStatus: number;
}

/** A service's status history rows and `service.status_changed` events, read on the server directly. */
async function countWrites(database: TestDatabase, serviceId: string) {
  const [counts] = await database.db.query<{ history: number; events: number }>(
    `select (select count(*)::int from public.service_status_history where service_id = $1) as history,
            (select count(*)::int from public.status_events
              where type = 'service.status_changed' and payload->'service'->>'id' = $1::text) as events`,
    [serviceId],
  );
  return counts!;
}

describe('database unavailable for 30 s (proxy cut between the API and PostgreSQL)', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let product: ProductProcess;
  let dataDir: string;
  let stream: SseReader | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    const target = new URL(database.url!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    dataDir = await mkdtemp(join(tmpdir(), 'lantern-outage-'));
  });
  afterAll(async () => {
    stream?.close();
    await product?.stop();
    await proxy?.close();
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers writes 503 + Retry-After within 5 s, keeps public data and streams, loses nothing', async () => {
    product = await startProduct({
      DATABASE_URL: proxy.via(database.url!),
      DATA_DIR: dataDir,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'fatal',
    });
    const { url } = product;
    const session: DemoSession = await signInDemo(url);
    const serviceId = await createDemoService(url, session, 'Outage probe');
    await product.rendersSettled(1, 90_000);
    const baseline = await countWrites(database, serviceId!);

    // Before: acknowledged writes, a warm public snapshot, an open public stream.
    const acknowledged: string[] = [];
    for (let n = 0; n < 4; n++) {
      const message = `before #${n}`;
      const res = await setStatus(url, session, serviceId!, { status: statuses[n % 2]!, message });
      expect(res?.status).toBe(200);
      acknowledged.push(message);
    }
    const jsonBefore = await (await fetch(`${url}/api/public/status/demo`)).text();
    stream = await openSse(`${url}/api/public/status/demo/stream`);
    expect(stream.status).toBe(200);
    await stream.until((events) => events.length > 0);
    const lastIdBefore = Math.max(...stream.events.filter((e) => e.id).map((e) => Number(e.id)));

    // The outage: probe a write, the public JSON and the static page in a loop.
    const refused: string[] = [];
    const probes: Probe[] = [];
    const commentsBefore = stream.comments;
    const outageStarted = performance.now();
    const newStreams: { mode: CutMode; status: number; retryAfter: string | null; ms: number }[] = [];
    for (const mode of ['silence', 'refuse'] as const) {
      proxy.cut(mode);
      const phaseEnd = performance.now() + phaseMs;
      // A stream opened during the outage: its snapshot is served from memory, or it is refused with
      // a retry hint; never a 500 and never a hang.
      const connectStarted = performance.now();
      const fresh = await openSse(`${url}/api/public/status/demo/stream`);
      newStreams.push({
        mode,
        status: fresh.status,
        retryAfter: fresh.headers.get('retry-after'),
        ms: performance.now() - connectStarted,
      });
      fresh.close();
      for (let n = 0; performance.now() < phaseEnd; n++) {
        const message = `during ${mode} #${n}`;
        const started = performance.now();
        const res = await setStatus(url, session, serviceId!, { status: statuses[n % 2]!, message });
        const writeMs = performance.now() - started;
        if (res?.status !== 200) refused.push(message);
        else acknowledged.push(message); // would fail the 503 expectation below
        const json = await fetch(`${url}/api/public/status/demo`);
        const page = await fetch(`${url}/status/demo/`);
        probes.push({
          mode,
          writeMs,
          writeStatus: res?.status ?? null,
          retryAfter: res?.headers.get('retry-after') ?? null,
          jsonStatus: json.status,
          jsonBody: await json.text(),
          pageStatus: page.status,
        });
        await page.arrayBuffer();
        // Paced, so a refusing phase does not turn into a busy loop on a shared machine.
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    // A heartbeat is due every 15 s: wait for one if the probes were quicker than that.
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (stream!.comments > commentsBefore) resolve(clearInterval(check));
      }, 50);
    });
    const outageMs = performance.now() - outageStarted;
    proxy.restore();

    // After: the first write that lands, and the open stream sees it (the LISTEN reader reconnected
    // and caught up); the stream never ended.
    const restored = performance.now();
    let recoveredMs = 0;
    for (let n = 0; ; n++) {
      const message = `after #${n}`;
      const res = await setStatus(url, session, serviceId!, { status: statuses[n % 2]!, message });
      if (res?.status === 200) {
        acknowledged.push(message);
        recoveredMs = performance.now() - restored;
        break;
      }
      expect(res?.status).toBe(503);
      refused.push(message);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await stream.until((events) => events.some((e) => e.id && Number(e.id) > lastIdBefore), 20_000);
    const streamResynced = performance.now() - restored;

    const worstWrite = Math.max(...probes.map((p) => p.writeMs));
    console.log(
      `[reliability] outage ${Math.round(outageMs)} ms, ${probes.length} write probes ` +
        `(silence ${probes.filter((p) => p.mode === 'silence').length}, refuse ${probes.filter((p) => p.mode === 'refuse').length}), ` +
        `worst 503 in ${Math.round(worstWrite)} ms, silence worst ${Math.round(Math.max(...probes.filter((p) => p.mode === 'silence').map((p) => p.writeMs)))} ms, ` +
        `refuse worst ${Math.round(Math.max(...probes.filter((p) => p.mode === 'refuse').map((p) => p.writeMs)))} ms; ` +
        `heartbeats during outage ${stream.comments - commentsBefore}; first write after restore ${Math.round(recoveredMs)} ms; ` +
        `stream resynced ${Math.round(streamResynced)} ms after restore; streams opened during the outage: ` +
        newStreams.map((o) => `${o.mode} ${o.status} in ${Math.round(o.ms)} ms`).join(', '),
    );
    for (const probe of probes) {
      expect(probe.writeStatus).toBe(503);
      expect(probe.retryAfter).toMatch(/^\d+$/);
      expect(probe.writeMs).toBeLessThan(5_000);
      expect(probe.jsonStatus).toBe(200);
      expect(probe.jsonBody).toBe(jsonBefore);
      expect(probe.pageStatus).toBe(200);
    }
    expect(stream.comments).toBeGreaterThan(commentsBefore);
    for (const opened of newStreams) {
      expect([200, 503]).toContain(opened.status);
      if (opened.status === 503) expect(opened.retryAfter).toMatch(/^\d+$/);
      expect(opened.ms).toBeLessThan(5_000);
    }

    // Nothing acknowledged is lost; nothing refused was half-written (checked on the server directly).
    const rows = await database.db.query<{ message: string }>(
      `select message from public.service_status_history where service_id = $1 and message is not null`,
      [serviceId],
    );
    const stored = rows.map((row) => row.message);
    expect(acknowledged.filter((message) => !stored.includes(message))).toEqual([]);
    expect(refused.filter((message) => stored.includes(message))).toEqual([]);
    // Each history row came with its event, in the same transaction.
    const after = await countWrites(database, serviceId!);
    expect(after.events - baseline.events).toBe(acknowledged.length);
    expect(after.history - baseline.history).toBe(acknowledged.length);
  }, 240_000);
});

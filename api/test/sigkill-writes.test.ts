import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPglite } from '../src/db/pglite.ts';
import type { Database } from '../src/db/types.ts';
import { startProduct, type ProductProcess } from './product-process.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';
import { createDemoService, signInDemo, setStatus, type DemoSession } from './demo-session.ts';
import { openSse, type SseReader } from './streams.ts';

// SIGKILL of the API while it is writing as fast as this machine lets it (writers × services,
// each write with an Idempotency-Key), on whichever database this project runs: the embedded one
// (DATA_DIR) or the PostgreSQL server (a database of this file's own).
const kind = inject('testDb').kind;
const writers = 8;
const writeForMs = 4_000;
// The lease a dead process's Idempotency-Key claims are held for (60 s by default): the retries wait it out.
const leaseMs = '5000';
const statuses = ['degraded_performance', 'operational'] as const;

interface Write {
  key: string;
  serviceId: string;
  body: { status: string; message: string };
}

describe(`SIGKILL during sustained writes (${kind})`, () => {
  let database: TestDatabase | undefined;
  let dataDir: string;
  let product: ProductProcess | undefined;
  const streams: SseReader[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lantern-sigkill-'));
    if (kind === 'postgres') database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await product?.stop();
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  // An empty DATABASE_URL is unset: the embedded database even when the shell names a server.
  const env = (): Record<string, string> =>
    database
      ? { DATABASE_URL: database.url!, DATA_DIR: dataDir, SEED_DEMO: 'true', IDEMPOTENCY_LEASE_MS: leaseMs }
      : { DATABASE_URL: '', DATA_DIR: dataDir, IDEMPOTENCY_LEASE_MS: leaseMs };

  it('keeps every acknowledged write and its event; streams resume exactly once; retries land once', async () => {
    product = await startProduct({ ...env(), LOG_LEVEL: 'fatal' });
    let session: DemoSession = await signInDemo(product.url);
    const serviceIds: string[] = [];
    for (let n = 0; n < writers; n++) serviceIds.push(await createDemoService(product.url, session, `Writer ${n}`));
    const orgStream = (url: string, lastEventId?: string) =>
      openSse(`${url}/api/organizations/${session.orgId}/stream`, {
        Authorization: `Bearer ${session.token}`,
        ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}),
      });
    const first = await orgStream(product.url);
    streams.push(first);
    expect(first.status).toBe(200);

    // Writers, one per service, alternating its status so every write is a change.
    const acknowledged: Write[] = [];
    const unknown: Write[] = []; // sent, no answer: the kill came first
    let killed = false;
    const { url } = product;
    const writer = async (serviceId: string) => {
      for (let n = 0; !killed; n++) {
        const write: Write = {
          key: randomUUID(),
          serviceId,
          body: { status: statuses[n % 2]!, message: `${serviceId.slice(0, 8)} #${n}` },
        };
        const res = await setStatus(url, session, serviceId, write.body, { 'Idempotency-Key': write.key });
        if (res?.status === 200) acknowledged.push(write);
        else if (res === null) return void unknown.push(write);
        else throw new Error(`write answered ${res.status}`);
      }
    };
    const started = performance.now();
    const running = serviceIds.map(writer);
    await new Promise((resolve) => setTimeout(resolve, writeForMs));
    killed = true;
    product.child.kill('SIGKILL');
    const writeMs = performance.now() - started;
    await Promise.all(running);
    await first.ended;
    const rate = acknowledged.length / (writeMs / 1000);

    // Restart on the same data; resume the stream where it stopped.
    product = await startProduct({ ...env(), LOG_LEVEL: 'fatal' });
    session = await signInDemo(product.url);
    const seenFirst = first.events.filter((e) => e.id !== undefined).map((e) => Number(e.id));
    const resumed = await orgStream(product.url, String(seenFirst.at(-1)));
    streams.push(resumed);
    expect(resumed.status).toBe(200);

    // Writes whose answer was lost are retried with the same key until they answer. A claim of the
    // killed process is held for its lease (IDEMPOTENCY_LEASE_MS, 5 s here instead of the default 60 s;
    // 409 + Retry-After meanwhile); after it, a write that had committed answers 409 "carried out, but
    // its answer was lost" (it is not run again), and one that had not runs now.
    const retryStarted = performance.now();
    const outcomes = { applied: 0, answerLost: 0 };
    for (const write of unknown) {
      for (;;) {
        const res = await setStatus(product.url, session, write.serviceId, write.body, {
          'Idempotency-Key': write.key,
        });
        if (res?.status === 200) {
          outcomes.applied++;
          break;
        }
        expect(res?.status).toBe(409);
        const retryAfter = res!.headers.get('retry-after');
        if (retryAfter === null) {
          const body = (await res!.json()) as { error: { message: string } };
          expect(body.error.message).toMatch(/answer was lost/);
          outcomes.answerLost++;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, Number(retryAfter) * 1000));
      }
    }
    const retryMs = performance.now() - retryStarted;
    // The shortened lease took effect: with the default one the killed process's claims are held 60 s.
    expect(retryMs).toBeLessThan(45_000);
    // Acknowledged writes retried with their key are replayed, not applied again.
    for (const write of acknowledged.slice(-writers)) {
      const res = await setStatus(product.url, session, write.serviceId, write.body, { 'Idempotency-Key': write.key });
      expect(res?.status).toBe(200);
      expect(res?.headers.get('idempotent-replayed')).toBe('true');
    }

    // The stream: every seq after the first one seen, exactly once, in order, up to the newest.
    const latest = (await (
      await fetch(`${product.url}/api/organizations/${session.orgId}/events?limit=1`, {
        headers: { Authorization: `Bearer ${session.token}` },
      })
    ).json()) as { data: { seq: number }[] };
    const newest = Number(latest.data[0]!.seq);
    await resumed.until((events) => events.some((e) => Number(e.id) === newest), 30_000);
    const seen = [...seenFirst, ...resumed.events.filter((e) => e.id !== undefined).map((e) => Number(e.id))];
    const expected = Array.from({ length: newest - seen[0]! + 1 }, (_, i) => seen[0]! + i);
    expect(seen).toEqual(expected);

    // The database, read directly once the product is stopped: each acknowledged or retried write
    // is there exactly once, and each status change has its event.
    resumed.close();
    await product.stop();
    product = undefined;
    const db: Database = database?.db ?? (await openPglite({ dataDir: join(dataDir, 'db') }));
    try {
      const rows = await db.query<{ message: string; n: number }>(
        `select message, count(*)::int as n from public.service_status_history
          where service_id = any($1::uuid[]) and message is not null group by message`,
        [serviceIds],
      );
      const counts = new Map(rows.map((row) => [row.message, row.n]));
      const mustHave = [...acknowledged, ...unknown].map((write) => write.body.message);
      expect(mustHave.filter((message) => counts.get(message) !== 1)).toEqual([]);
      expect(rows.reduce((sum, row) => sum + row.n, 0)).toBe(mustHave.length);
      const [events] = await db.query<{ n: number }>(
        `select count(*)::int as n from public.status_events
          where type = 'service.status_changed' and payload->'service'->>'id' = any($1::text[])`,
        [serviceIds],
      );
      expect(events!.n).toBe(mustHave.length);
    } finally {
      if (!database) await db.close();
    }
    console.log(
      `[reliability] sigkill ${kind}: ${acknowledged.length} writes acknowledged in ${Math.round(writeMs)} ms ` +
        `(${rate.toFixed(0)}/s, ${writers} writers), ${unknown.length} in flight at the kill, ` +
        `retried in ${Math.round(retryMs)} ms (${outcomes.applied} applied now, ${outcomes.answerLost} had landed); stream ${seen.length} seqs (${seenFirst.length} before the kill), none lost or repeated`,
    );
  }, 240_000);
});

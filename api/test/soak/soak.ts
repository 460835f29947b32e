import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createParser } from 'eventsource-parser';
import type { Database } from '../../src/db/types.ts';
import { readRenderedState } from '../../src/static-site/org-folder-state.ts';
import { createOrg, createUser, addMember } from '../fixtures.ts';
import { createService } from '../streams.ts';
import { spawnApiProcess, type ApiProcess } from '../stream-process.ts';

/**
 * The soak (docs/reliability.md, "Load"): public SSE clients across many orgs on two API processes, writers
 * changing statuses through the API at a fixed rate, the site renderer on. Shared by the CI test
 * (soak.pg.test.ts, small size) and `npm run soak` (bench/soak/run.ts, full size).
 */
export interface SoakOptions {
  db: Database;
  /** The migrated PostgreSQL database the API processes use. */
  databaseUrl: string;
  /** Signs an access token for a user (the API processes verify it with the test secret). */
  sign(userId: string, email: string): Promise<string>;
  clients: number;
  orgs: number;
  writesPerSecond: number;
  seconds: number;
  /** Bound on the wait for the last events and files after the writes end. */
  settleMs?: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  clients: number;
  clientsFailed: number;
  orgs: number;
  writes: number;
  /** Answers to the writes by status code. */
  statuses: Record<string, number>;
  /** Clients whose events differ from their org's public events (missing, doubled or out of order). */
  clientsWrong: number;
  eventsExpected: number;
  eventsReceived: number;
  commitToClientMs: { p50: number; p99: number; max: number };
  commitToFileMs: { p50: number; p99: number; max: number; files: number };
  /** Per API process: RSS (MiB) after the clients connected and after the soak, as the kernel counts it. */
  rssMiB: { before: number; after: number }[];
}

const statuses = ['major_outage', 'operational', 'degraded_performance', 'operational'] as const;

interface Client {
  org: number;
  startSeq: number | null;
  seqs: number[];
  times: number[];
  failed: boolean;
  req?: http.ClientRequest;
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const { db, clients: clientCount, orgs: orgCount, writesPerSecond, seconds, settleMs = 60_000 } = options;
  const log = options.log ?? (() => {});
  const siteDir = await mkdtemp(join(tmpdir(), 'lantern-soak-site-'));
  const processes: ApiProcess[] = [];
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const clients: Client[] = [];
  try {
    // The orgs, each with an admin and two public services.
    const orgs: { id: string; slug: string; token: string; services: { id: string }[]; writes: number }[] = [];
    for (let i = 0; i < orgCount; i++) {
      const org = await createOrg(db);
      const admin = await createUser(db);
      await addMember(db, org.id, admin.id, 'admin');
      const services = [await createService(db, org.id), await createService(db, org.id)];
      orgs.push({ ...org, token: await options.sign(admin.id, admin.email), services, writes: 0 });
    }
    const env = {
      STREAMS_PER_IP: '1000000',
      STREAMS_PER_PROCESS: '1000000',
      // Every client connects from loopback and the writers are few: the per-IP and per-caller rate
      // limits are raised explicitly (a 429 would still show as a missed event or a failed write).
      RATE_LIMIT_STREAM_CONNECTS_PER_MIN: '100000000',
      RATE_LIMIT_PUBLIC_PER_MIN: '100000000',
      RATE_LIMIT_WRITES_PER_MIN: '100000000',
      SITE_RENDERER: '1',
      SITE_OUT_DIR: siteDir,
    };
    processes.push(await spawnApiProcess(options.databaseUrl, env), await spawnApiProcess(options.databaseUrl, env));
    log(`soak: ${orgCount} orgs, 2 API processes at ${processes.map((p) => p.url).join(', ')}`);

    // Clients: org i % orgs, process i % 2; the first event (the snapshot) gives the seq to start from.
    const open = (index: number) =>
      new Promise<void>((resolve) => {
        const client: Client = { org: index % orgCount, startSeq: null, seqs: [], times: [], failed: false };
        clients.push(client);
        const url = `${processes[index % 2]!.url}/api/public/status/${orgs[client.org]!.slug}/stream`;
        const parser = createParser({
          onEvent: (message) => {
            const seq = Number(message.id);
            if (client.startSeq === null) {
              client.startSeq = seq;
              return resolve();
            }
            if (message.id !== undefined) {
              client.seqs.push(seq);
              client.times.push(performance.timeOrigin + performance.now());
            }
          },
        });
        client.req = http.get(url, { agent, headers: { Accept: 'text/event-stream' } }, (res) => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => parser.feed(chunk));
        });
        client.req.on('error', () => {
          client.failed = true;
          resolve();
        });
      });
    for (let i = 0; i < clientCount; i += 250) {
      await Promise.all(Array.from({ length: Math.min(250, clientCount - i) }, (_, j) => open(i + j)));
    }
    const clientsFailed = clients.filter((c) => c.failed).length;
    log(`soak: ${clientCount - clientsFailed} clients connected, ${clientsFailed} failed`);
    const rssBefore = await Promise.all(processes.map(memoryOf));

    // The rendered files: the first time each org's index.html shows a seq.
    const fileSeen: { org: number; seq: number; at: number }[] = [];
    const lastFileSeq = orgs.map(() => 0);
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        for (let i = 0; i < orgCount; i++) {
          const state = await readRenderedState(join(siteDir, 'status', orgs[i]!.slug, 'index.html'));
          if (state && state.seq > lastFileSeq[i]!) {
            lastFileSeq[i] = state.seq;
            fileSeen.push({ org: i, seq: state.seq, at: Date.now() });
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    // The writers: one status change every 1/rate s, round robin over orgs and their services,
    // through both processes; every answer is counted.
    const answers: Record<string, number> = {};
    const inFlight: Promise<void>[] = [];
    const total = Math.round(writesPerSecond * seconds);
    const started = performance.now();
    const writesFrom = Date.now() - 1_000; // events committed before this are set-up (wall clock, as created_at)
    for (let n = 0; n < total; n++) {
      const due = started + (n * 1000) / writesPerSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const org = orgs[n % orgCount]!;
      const write = org.writes++;
      const service = org.services[write % 2]!;
      const status = statuses[Math.floor(write / 2) % statuses.length]!;
      inFlight.push(
        fetch(`${processes[n % 2]!.url}/api/organizations/${org.id}/services/${service.id}/status`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${org.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ status }),
        }).then(
          async (res) => {
            await res.arrayBuffer();
            answers[res.status] = (answers[res.status] ?? 0) + 1;
          },
          () => {
            answers.network = (answers.network ?? 0) + 1;
          },
        ),
      );
    }
    await Promise.all(inFlight);
    log(`soak: ${total} writes in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(answers)}`);

    // What every client should have seen: its org's public events after its snapshot.
    const rows = await db.query<{ org_id: string; seq: string; ms: number }>(
      `select p.org_id, p.seq::text, extract(epoch from e.created_at) * 1000 as ms
       from public.public_stream_events p join public.status_events e on e.org_id = p.org_id and e.seq = p.seq
       where p.org_id = any($1::uuid[]) order by p.org_id, p.seq`,
      [orgs.map((o) => o.id)],
    );
    const byOrg = new Map<string, { seq: number; ms: number }[]>();
    for (const row of rows) {
      const list = byOrg.get(row.org_id) ?? [];
      list.push({ seq: Number(row.seq), ms: Number(row.ms) });
      byOrg.set(row.org_id, list);
    }
    const expectedOf = (client: Client) =>
      (byOrg.get(orgs[client.org]!.id) ?? []).filter((e) => e.seq > (client.startSeq ?? Infinity));
    const lastSeqOf = orgs.map((o) => byOrg.get(o.id)?.at(-1)?.seq ?? 0);
    const settled = () =>
      clients.every((c) => c.failed || (c.seqs.at(-1) ?? c.startSeq ?? 0) >= lastSeqOf[c.org]!) &&
      lastFileSeq.every((seq, i) => seq >= lastSeqOf[i]!);
    const deadline = Date.now() + settleMs;
    while (!settled() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    watching = false;
    await watcher;
    const rssAfter = await Promise.all(processes.map(memoryOf));

    // Exactly once, in order; latencies from each event's commit (its created_at) to the client.
    let clientsWrong = 0;
    let eventsExpected = 0;
    let eventsReceived = 0;
    const toClient: number[] = [];
    for (const client of clients) {
      if (client.failed) continue;
      const expected = expectedOf(client);
      eventsExpected += expected.length;
      eventsReceived += client.seqs.length;
      if (JSON.stringify(client.seqs) !== JSON.stringify(expected.map((e) => e.seq))) clientsWrong++;
      const commitOf = new Map(expected.map((e) => [e.seq, e.ms]));
      client.seqs.forEach((seq, i) => {
        const commit = commitOf.get(seq);
        if (commit !== undefined) toClient.push(Math.max(0, client.times[i]! - commit));
      });
    }
    // A file is written for the latest seq at render time (renders coalesce): each event's file
    // latency is until the first file showing its seq or a later one.
    const toFile: number[] = [];
    orgs.forEach((org, i) => {
      const seen = fileSeen.filter((f) => f.org === i);
      for (const event of byOrg.get(org.id) ?? []) {
        if (event.ms < writesFrom) continue;
        const file = seen.find((f) => f.seq >= event.seq);
        if (file) toFile.push(Math.max(0, file.at - event.ms));
      }
    });
    return {
      clients: clientCount,
      clientsFailed,
      orgs: orgCount,
      writes: total,
      statuses: answers,
      clientsWrong,
      eventsExpected,
      eventsReceived,
      commitToClientMs: summary(toClient),
      commitToFileMs: { ...summary(toFile), files: fileSeen.length },
      rssMiB: rssBefore.map((before, i) => ({ before, after: rssAfter[i]! })),
    };
  } finally {
    for (const client of clients) client.req?.destroy();
    agent.destroy();
    await Promise.all(processes.map((p) => p.kill('SIGTERM')));
    await rm(siteDir, { recursive: true, force: true });
  }
}

function summary(values: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN);
  return { p50: at(0.5), p99: at(0.99), max: Math.round(sorted.at(-1) ?? NaN) };
}

/** An API process's RSS in MiB (stream-server-entry.ts answers "stats" over IPC). */
function memoryOf(p: ApiProcess): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      const stats = message as { rss?: number };
      if (typeof stats.rss !== 'number') return;
      p.child.off('message', onMessage);
      resolve(Math.round(stats.rss / 1024 / 1024));
    };
    p.child.on('message', onMessage);
    p.child.send('stats');
  });
}

// SSE fan-out benchmark: how fast one status change reaches every client of an org's public stream,
// and what each connection costs. N clients on that stream, in separate client processes; rounds of
// one status change written through the API; per-client latency from just before the write to the
// parsed event; server RSS per connection. The same clients then measure a bare node:http SSE server
// writing one pre-serialised buffer (the machine's practical limit).
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx node bench/sse-fanout/run.ts [--clients 10000] [--rounds 20] [--procs 4]
//   npx node bench/sse-fanout/run.ts --db pglite [--clients 5000] ...
//
// --db postgres (the default): the API in its own process on that server (api/test/stream-server-entry.ts);
// it creates and drops its own database (lantern_bench_*). --db pglite: the product as users start it
// (`serve.ts`, api/test/product-process.ts) on a fresh temporary DATA_DIR with the embedded database
// and the demo org, preloaded with gc-on-signal.ts (--expose-gc): its memory is read right after a
// forced GC like the other servers', once its render worker has stopped (see pgliteApi). Either way
// the bare server runs in the same run. The file-descriptor limit (ulimit -n) caps --clients at
// about 19,000 (the server holds one descriptor per client).
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openPostgres } from '../../api/src/db/postgres.ts';
import { migrate } from '../../api/src/db/migrate.ts';
import { asSystem } from '../../api/src/db/doors.ts';
import { localAccessTokens } from '../../api/src/auth/local-jwt.ts';
import { sessionSigner } from '../../api/src/auth/session-signer.ts';
import { demoAdmin } from '../../api/src/db/seed.ts';
import { startProduct } from '../../api/test/product-process.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '20' },
    procs: { type: 'string', default: '4' },
    db: { type: 'string', default: 'postgres' },
    'idle-wait-ms': { type: 'string', default: '35000' },
  },
});
const kind = values.db;
if (kind !== 'pglite' && kind !== 'postgres') throw new Error('--db is pglite or postgres');
const clients = Number(values.clients);
const rounds = Number(values.rounds);
const procs = Number(values.procs);
const idleWaitMs = Number(values['idle-wait-ms']);
const serverUrl = process.env.DATABASE_URL;
if (kind === 'postgres' && !serverUrl) throw new Error('--db postgres needs DATABASE_URL (a PostgreSQL server)');
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const now = () => performance.timeOrigin + performance.now();
const secret = 'bench-secret-bench-secret-bench-secret-01';
// Every client is 127.0.0.1, so the per-IP and per-process stream caps are raised.
// All clients connect from loopback: the per-IP caps are raised explicitly (a refused client counts
// as missed events, so a 429 still shows in the figures).
const streamLimits = {
  STREAMS_PER_PROCESS: '50000',
  STREAMS_PER_IP: '50000',
  RATE_LIMIT_STREAM_CONNECTS_PER_MIN: '1000000',
  RATE_LIMIT_WRITES_PER_MIN: '1000000',
};

function message<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (m: { type?: string }) => {
      if (m.type === type || (type === 'api-stats' && 'stats' in m)) {
        child.off('message', onMessage);
        resolve(m as T);
      }
    };
    child.on('message', onMessage);
  });
}

type Memory = () => Promise<{ rss: number; heap: number }>;

/** The server's RSS and live heap (after a full GC: --expose-gc), asked over IPC. */
function memoryOf(server: ChildProcess, api: boolean): Memory {
  return async () => {
    const reply = message<{ rss: number; heap: number }>(server, api ? 'api-stats' : 'stats');
    server.send(api ? 'stats' : { type: 'stats' });
    return await reply;
  };
}

interface PhaseResult {
  latencies: number[];
  kbPerConn: number;
  heapKbPerConn: number;
  missing: number;
}

/** Connects the clients, runs the rounds with `write`, and measures. */
async function phase(
  name: string,
  memory: Memory,
  url: string,
  write: (round: number) => Promise<void>,
): Promise<PhaseResult> {
  const before = await memory();
  const workers = Array.from({ length: procs }, (_, i) => {
    const share = Math.floor(clients / procs) + (i < clients % procs ? 1 : 0);
    return fork(here('./client.ts'), [url, String(share)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  });
  const ready = await Promise.all(workers.map((w) => message<{ ready: number; failed: number }>(w, 'ready')));
  const connected = ready.reduce((sum, r) => sum + r.ready, 0);
  console.log(`${name}: ${connected} streams open (${ready.reduce((s, r) => s + r.failed, 0)} failed)`);
  const after = await memory();
  const starts: number[] = [];
  for (let round = 0; round < rounds; round++) {
    starts.push(now());
    await write(round);
    // Wait until every client has this round (polled; the clients timestamp on their own).
    for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
      const progress = await Promise.all(
        workers.map((w) => {
          const r = message<{ counts: number[] }>(w, 'progress');
          w.send({ type: 'progress' });
          return r;
        }),
      );
      if (progress.every((p) => p.counts.every((c) => c > round))) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const reports = await Promise.all(
    workers.map((w) => {
      const r = message<{ received: number[][] }>(w, 'report');
      w.send({ type: 'report' });
      return r;
    }),
  );
  for (const w of workers) w.send({ type: 'close' });
  const latencies: number[] = [];
  let missing = 0;
  for (const { received } of reports)
    for (const times of received)
      for (let round = 0; round < rounds; round++) {
        if (times[round] === undefined) missing++;
        else latencies.push(times[round]! - starts[round]!);
      }
  return {
    latencies,
    kbPerConn: (after.rss - before.rss) / 1024 / connected,
    heapKbPerConn: (after.heap - before.heap) / 1024 / connected,
    missing,
  };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** The API under test: where its stream is, how to write one round, its memory, and how to stop it. */
interface ApiUnderTest {
  base: string;
  orgId: string;
  slug: string;
  serviceId: string;
  token: string;
  memory: Memory;
  stop(): Promise<void>;
}

/** The API process on its own database (lantern_bench_*) on the PostgreSQL server. */
async function postgresApi(cleanups: (() => Promise<void>)[]): Promise<ApiUnderTest> {
  const name = `lantern_bench_${randomBytes(4).toString('hex')}`;
  const admin = openPostgres({ url: serverUrl!, max: 1 });
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  const db = openPostgres({ url: url.toString(), max: 2 });
  cleanups.push(async () => {
    await db.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.close();
  });
  await migrate(db);
  const { orgId, slug, serviceId, userId } = await asSystem(db, 'bench', async (tx) => {
    const [org] = await tx.query<{ id: string; slug: string }>(
      `insert into public.organizations (slug, name) values ('bench', 'Bench') returning id, slug`,
    );
    const [svc] = await tx.query<{ id: string }>(
      `insert into public.services (org_id, slug, name) values ($1, 'api', 'API') returning id`,
      [org!.id],
    );
    const [user] = await tx.query<{ id: string }>(
      `insert into auth.users (email, email_confirmed_at) values ('bench@example.test', now()) returning id`,
    );
    await tx.query(`insert into public.organization_members (org_id, user_id, role) values ($1, $2, 'member')`, [
      org!.id,
      user!.id,
    ]);
    return { orgId: org!.id, slug: org!.slug, serviceId: svc!.id, userId: user!.id };
  });
  const token = await sessionSigner(db, localAccessTokens(new TextEncoder().encode(secret), { ttlSeconds: 3600 })).sign(
    userId,
    'bench@example.test',
  );
  const api = fork(here('../../api/test/stream-server-entry.ts'), [], {
    env: { ...process.env, DATABASE_URL: url.toString(), PORT: '0', TEST_JWT_SECRET: secret, ...streamLimits },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    execArgv: ['--expose-gc'],
  });
  const port = await new Promise<string>((resolve) =>
    api.stdout!.on('data', (d: Buffer) => {
      const m = /listening (\d+)/.exec(d.toString());
      if (m) resolve(m[1]!);
    }),
  );
  const stop = () =>
    new Promise<void>((done) => {
      if (api.exitCode !== null || api.signalCode !== null) return done();
      api.once('exit', () => done());
      api.kill('SIGTERM');
    });
  return {
    base: `http://127.0.0.1:${port}`,
    orgId,
    slug,
    serviceId,
    token,
    memory: memoryOf(api, true),
    stop,
  };
}

/** RSS and live heap of the product right after a full GC (bench/sse-fanout/gc-on-signal.ts). */
async function forcedGc(child: ChildProcess, report: string): Promise<{ rss: number; heap: number }> {
  const last = await readFile(report, 'utf8').then(
    (text) => (JSON.parse(text) as { count: number }).count,
    () => 0,
  );
  child.kill('SIGUSR2');
  for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
    const reply = await readFile(report, 'utf8').then(
      (text) => JSON.parse(text) as { count: number; rss: number; heap: number },
      () => null,
    );
    if (reply && reply.count > last) return reply;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the product did not report its memory after SIGUSR2');
}

async function data<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.url} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { data: T }).data;
}

/** `serve.ts` on a fresh DATA_DIR with the embedded database (PGlite) and the demo org. */
async function pgliteApi(cleanups: (() => Promise<void>)[]): Promise<ApiUnderTest> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lantern-bench-fanout-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const gcReport = join(dataDir, 'gc-report.json');
  const product = await startProduct(
    { DATA_DIR: dataDir, SEED_DEMO: 'true', DATABASE_URL: '', BENCH_GC_REPORT: gcReport, ...streamLimits },
    ['--expose-gc', '--import', pathToFileURL(here('./gc-on-signal.ts')).href],
  );
  cleanups.unshift(() => product.stop());
  // Let the start-up renders finish so they do not land in the first rounds.
  await product.rendersSettled(1);
  // The site renderer's worker thread (~35 MB) stops 30 s after the last render. Wait for that, so
  // the process's RSS does not fall between the two readings around the connects (which render
  // nothing): "after − before" is then the streams' own memory.
  console.log(`api: waiting ${idleWaitMs / 1000} s for the render worker to stop before measuring memory`);
  await new Promise((resolve) => setTimeout(resolve, idleWaitMs));
  const base = product.url;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(demoAdmin),
  });
  const token = (await data<{ access_token: string }>(login)).access_token;
  const auth = { headers: { Authorization: `Bearer ${token}` } };
  const [org] = await data<{ id: string; slug: string }[]>(await fetch(`${base}/api/organizations`, auth));
  const [service] = await data<{ id: string }[]>(await fetch(`${base}/api/organizations/${org!.id}/services`, auth));
  return {
    base,
    orgId: org!.id,
    slug: org!.slug,
    serviceId: service!.id,
    token,
    memory: () => forcedGc(product.child, gcReport),
    stop: () => product.stop(),
  };
}

async function main(): Promise<void> {
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const api = kind === 'pglite' ? await pgliteApi(cleanups) : await postgresApi(cleanups);
    const { base, orgId, slug, serviceId, token } = api;
    const apiResult = await phase('api', api.memory, `${base}/api/public/status/${slug}/stream`, async (round) => {
      const res = await fetch(`${base}/api/organizations/${orgId}/services/${serviceId}/status`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ status: round % 2 === 0 ? 'major_outage' : 'operational' }),
      });
      if (res.status !== 200) throw new Error(`status write answered ${res.status}`);
    });
    await api.stop();

    const bare = fork(here('./bare-server.ts'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: ['--expose-gc'],
    });
    const { port: barePort } = await message<{ port: number }>(bare, 'listening');
    const sample = JSON.stringify({
      service: {
        id: serviceId,
        status: 'major_outage',
        name: 'API',
        slug: 'api',
        description: '',
        group_id: null,
        position: 0,
      },
      indicator: 'critical',
    });
    const bareResult = await phase('bare', memoryOf(bare, false), `http://127.0.0.1:${barePort}/`, async () => {
      bare.send({ type: 'broadcast', data: sample });
    });
    bare.kill('SIGTERM');

    const summary = (r: PhaseResult) => {
      const sorted = [...r.latencies].sort((x, y) => x - y);
      return {
        p50: pct(sorted, 50),
        p99: pct(sorted, 99),
        kb: r.kbPerConn,
        heapKb: r.heapKbPerConn,
        missing: r.missing,
      };
    };
    const a = summary(apiResult);
    const b = summary(bareResult);
    const f = (n: number) => n.toFixed(1);
    console.log(`\n--db ${kind} clients=${clients} rounds=${rounds} client processes=${procs}`);
    console.log(
      `api : p50 ${f(a.p50)} ms  p99 ${f(a.p99)} ms  ${f(a.kb)} KB/conn (heap ${f(a.heapKb)})  missing ${a.missing}`,
    );
    console.log(
      `bare: p50 ${f(b.p50)} ms  p99 ${f(b.p99)} ms  ${f(b.kb)} KB/conn (heap ${f(b.heapKb)})  missing ${b.missing}`,
    );
    console.log(
      `ratio api/bare: p50 ${(a.p50 / b.p50).toFixed(2)}x, p99 ${(a.p99 / b.p99).toFixed(2)}x (goal <= 1.5x), KB/conn ${(a.kb / b.kb).toFixed(2)}x (goal <= 1.3x)`,
    );
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }
}

await main();

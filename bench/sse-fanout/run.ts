// SSE fan-out benchmark: how fast one status change reaches every client of an org's public stream,
// and what each connection costs. N clients on that stream, in separate client processes; rounds of
// one status change written through the API; per-client latency from just before the write to the
// parsed event; server RSS per connection. The same clients then measure a bare node:http SSE server
// writing one pre-serialised buffer (the machine's practical limit).
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx node bench/sse-fanout/run.ts [--clients 10000] [--rounds 20] [--procs 4]
//
// It creates and drops its own database (lantern_bench_*) on that server; the file-descriptor limit
// (ulimit -n) caps --clients at about 19,000 (the server holds one descriptor per client).
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openPostgres } from '../../api/src/db/postgres.ts';
import { migrate } from '../../api/src/db/migrate.ts';
import { asSystem } from '../../api/src/db/doors.ts';
import { localAccessTokens } from '../../api/src/auth/local-jwt.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '20' },
    procs: { type: 'string', default: '4' },
  },
});
const clients = Number(values.clients);
const rounds = Number(values.rounds);
const procs = Number(values.procs);
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error('DATABASE_URL (a PostgreSQL server) is required');
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const now = () => performance.timeOrigin + performance.now();
const secret = 'bench-secret-bench-secret-bench-secret-01';

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

/** The server's RSS and live heap (after a full GC: --expose-gc). */
async function memoryOf(server: ChildProcess, api: boolean): Promise<{ rss: number; heap: number }> {
  const reply = message<{ rss: number; heap: number }>(server, api ? 'api-stats' : 'stats');
  server.send(api ? 'stats' : { type: 'stats' });
  return await reply;
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
  server: ChildProcess,
  api: boolean,
  url: string,
  write: (round: number) => Promise<void>,
): Promise<PhaseResult> {
  const before = await memoryOf(server, api);
  const workers = Array.from({ length: procs }, (_, i) => {
    const share = Math.floor(clients / procs) + (i < clients % procs ? 1 : 0);
    return fork(here('./client.ts'), [url, String(share)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  });
  const ready = await Promise.all(workers.map((w) => message<{ ready: number; failed: number }>(w, 'ready')));
  const connected = ready.reduce((sum, r) => sum + r.ready, 0);
  console.log(`${name}: ${connected} streams open (${ready.reduce((s, r) => s + r.failed, 0)} failed)`);
  const after = await memoryOf(server, api);
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

async function main(): Promise<void> {
  const name = `lantern_bench_${randomBytes(4).toString('hex')}`;
  const admin = openPostgres({ url: serverUrl!, max: 1 });
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  const db = openPostgres({ url: url.toString(), max: 2 });
  try {
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
    const token = await localAccessTokens(new TextEncoder().encode(secret), { ttlSeconds: 3600 }).sign(
      userId,
      'bench@example.test',
    );

    const api = fork(here('../../api/test/stream-server-entry.ts'), [], {
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        PORT: '0',
        TEST_JWT_SECRET: secret,
        STREAMS_PER_PROCESS: '50000',
        STREAMS_PER_IP: '50000',
      },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      execArgv: ['--expose-gc'],
    });
    const port = await new Promise<string>((resolve) =>
      api.stdout!.on('data', (d: Buffer) => {
        const m = /listening (\d+)/.exec(d.toString());
        if (m) resolve(m[1]!);
      }),
    );
    const base = `http://127.0.0.1:${port}`;
    const apiResult = await phase('api', api, true, `${base}/api/public/status/${slug}/stream`, async (round) => {
      const res = await fetch(`${base}/api/organizations/${orgId}/services/${serviceId}/status`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ status: round % 2 === 0 ? 'major_outage' : 'operational' }),
      });
      if (res.status !== 200) throw new Error(`status write answered ${res.status}`);
    });
    api.kill('SIGTERM');

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
    const bareResult = await phase('bare', bare, false, `http://127.0.0.1:${barePort}/`, async () => {
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
    console.log(`\nclients=${clients} rounds=${rounds} client processes=${procs} `);
    console.log(
      `api : p50 ${f(a.p50)} ms  p99 ${f(a.p99)} ms  ${f(a.kb)} KB/conn (heap ${f(a.heapKb)})  missing ${a.missing}`,
    );
    console.log(
      `bare: p50 ${f(b.p50)} ms  p99 ${f(b.p99)} ms  ${f(b.kb)} KB/conn (heap ${f(b.heapKb)})  missing ${b.missing}`,
    );
    console.log(
      `ratio api/bare: p99 ${(a.p99 / b.p99).toFixed(2)}x (goal <= 1.5x), KB/conn ${(a.kb / b.kb).toFixed(2)}x (goal <= 1.3x)`,
    );
  } finally {
    await db.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.close();
  }
}

await main();

// The product as most people first run it: `serve.ts` on a fresh DATA_DIR with the demo org, on the
// embedded database (PGlite) or a PostgreSQL server. Per run it reports the RSS after start (the
// demo's pages rendered) 5 s later and once idle for --idle-ms (35 s: the render worker stops after
// 30 s without a render), the start-up peak (VmHWM), and the latency of
// `POST /api/organizations/:orgId/services/:id/status` on the otherwise idle process: the first change
// after start, the tenth, and p50/p99 over all. Each run is a new process on a new database; the
// figures at the end are medians over the runs.
//
//   npx node bench/embedded/run.ts --db pglite [--runs 3] [--writes 40] [--gap-ms 150]
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx node bench/embedded/run.ts --db postgres
//
// For postgres it creates and drops its own database (lantern_bench_*) on that server.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { openPostgres } from '../../api/src/db/postgres.ts';
import { demoAdmin } from '../../api/src/db/seed.ts';
import { withDatabase } from '../../api/test/global-setup.ts';
import { startProduct, type ProductProcess } from '../../api/test/product-process.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    runs: { type: 'string', default: '3' },
    writes: { type: 'string', default: '40' },
    'gap-ms': { type: 'string', default: '150' },
    'idle-ms': { type: 'string', default: '35000' },
    'node-arg': { type: 'string', multiple: true, default: [] },
  },
});
const kind = values.db;
if (kind !== 'pglite' && kind !== 'postgres') throw new Error('--db is pglite or postgres');
const serverUrl = process.env.DATABASE_URL;
if (kind === 'postgres' && !serverUrl) throw new Error('--db postgres needs DATABASE_URL (a PostgreSQL server)');
const runs = Number(values.runs);
const writes = Number(values.writes);
const gapMs = Number(values['gap-ms']);
const idleMs = Number(values['idle-ms']);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => bytes / 1024 / 1024;

interface RunResult {
  startMs: number;
  settledRss: number;
  idleRss: number;
  peak: number;
  rssAfterWrites: number;
  first: number;
  tenth: number;
  p50: number;
  p99: number;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const median = (xs: number[]) =>
  pct(
    [...xs].sort((a, b) => a - b),
    50,
  );

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.url} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { data: T }).data;
}

/** Signs in as the demo admin and times `writes` status changes of one demo service, one at a time. */
async function timeWrites(product: ProductProcess): Promise<number[]> {
  const { url } = product;
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const session = await json<{ access_token: string }>(await post('/api/auth/login', demoAdmin));
  const token = session.access_token;
  const auth = { headers: { Authorization: `Bearer ${token}` } };
  const [org] = await json<{ id: string }[]>(await fetch(`${url}/api/organizations`, auth));
  const [service] = await json<{ id: string }[]>(await fetch(`${url}/api/organizations/${org!.id}/services`, auth));
  const path = `/api/organizations/${org!.id}/services/${service!.id}/status`;
  const times: number[] = [];
  for (let i = 0; i < writes; i++) {
    const started = performance.now();
    const res = await post(path, { status: i % 2 === 0 ? 'degraded_performance' : 'operational' }, token);
    await json(res);
    times.push(performance.now() - started);
    // Idle between writes: the renders a change queues finish before the next write.
    await sleep(gapMs);
  }
  return times;
}

async function oneRun(): Promise<RunResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lantern-bench-embedded-'));
  const name = `lantern_bench_${randomBytes(4).toString('hex')}`;
  const admin = kind === 'postgres' ? openPostgres({ url: serverUrl!, max: 1 }) : null;
  await admin?.query(`create database ${name}`);
  const env: Record<string, string> = { DATA_DIR: dataDir, SEED_DEMO: 'true', DATABASE_URL: '' };
  if (admin) env.DATABASE_URL = withDatabase(serverUrl!, name);
  const started = performance.now();
  const product = await startProduct(env, values['node-arg']);
  try {
    await product.rendersSettled(1);
    const startMs = performance.now() - started;
    await sleep(5000);
    const settled = await product.memory();
    await sleep(Math.max(0, idleMs - 5000));
    const idle = await product.memory();
    const times = await timeWrites(product);
    await product.rendersSettled(1);
    const after = await product.memory();
    const sorted = [...times].sort((a, b) => a - b);
    return {
      startMs,
      settledRss: settled.rss,
      idleRss: idle.rss,
      peak: after.peak,
      rssAfterWrites: after.rss,
      first: times[0]!,
      tenth: times[9]!,
      p50: pct(sorted, 50),
      p99: pct(sorted, 99),
    };
  } finally {
    await product.stop();
    await rm(dataDir, { recursive: true, force: true });
    await admin?.query(`drop database if exists ${name} with (force)`);
    await admin?.close();
  }
}

const results: RunResult[] = [];
for (let run = 1; run <= runs; run++) {
  const r = await oneRun();
  results.push(r);
  console.log(
    `run ${run}: start ${(r.startMs / 1000).toFixed(1)} s, RSS 5 s after ${mb(r.settledRss).toFixed(0)} MB, idle RSS ${mb(r.idleRss).toFixed(0)} MB, ` +
      `peak ${mb(r.peak).toFixed(0)} MB, RSS after writes ${mb(r.rssAfterWrites).toFixed(0)} MB; ` +
      `write 1st ${r.first.toFixed(1)} ms, 10th ${r.tenth.toFixed(1)} ms, ` +
      `p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`,
  );
}
const m = (key: keyof RunResult) => median(results.map((r) => r[key]));
console.log(`\n--db ${kind}, ${runs} runs, ${writes} writes each ${gapMs} ms apart (medians):`);
console.log(
  `RSS 5 s after start ${mb(m('settledRss')).toFixed(0)} MB, idle RSS ${mb(m('idleRss')).toFixed(0)} MB, start-up peak ${mb(m('peak')).toFixed(0)} MB, ` +
    `RSS after writes ${mb(m('rssAfterWrites')).toFixed(0)} MB`,
);
console.log(
  `write: 1st ${m('first').toFixed(1)} ms, 10th ${m('tenth').toFixed(1)} ms, ` +
    `p50 ${m('p50').toFixed(1)} ms, p99 ${m('p99').toFixed(1)} ms`,
);

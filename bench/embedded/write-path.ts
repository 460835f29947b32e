// The status write on its own, in one process: `POST /api/organizations/:orgId/services/:id/status`
// through the real app (createApp, every middleware, `app.request`, so no network and no site
// renderer) on PGlite in a temp folder (the same openPglite as serve.ts, demo org seeded), with the
// database wrapped to count the statements and transactions each write sends and the time spent in
// them. Tells the write's own cost apart from what the product does around it (bench/embedded/run.ts).
//
//   npx node bench/embedded/write-path.ts [--writes 300] [--warmup 30] [--warm-start] [--gap-ms 0]
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx node bench/embedded/write-path.ts --db postgres
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openPglite } from '../../api/src/db/pglite.ts';
import { openPostgres } from '../../api/src/db/postgres.ts';
import { migrate } from '../../api/src/db/migrate.ts';
import { demoAdmin, seedDemo } from '../../api/src/db/seed.ts';
import type { Database, Queryable } from '../../api/src/db/types.ts';
import { createApp } from '../../api/src/app.ts';
import { parseEnv } from '../../api/src/env.ts';
import { createLogger } from '../../api/src/logger.ts';
import { localAccessTokens } from '../../api/src/auth/local-jwt.ts';
import { createMailer } from '../../api/src/mail/mailer.ts';
import { createDeps } from '../../api/src/deps.ts';
import { sessionSigner } from '../../api/src/auth/session-signer.ts';
import { createRealtime } from '../../api/src/realtime/realtime.ts';
import { withDatabase } from '../../api/test/global-setup.ts';
import { warmStatusWrites } from '../../api/src/warm-up/warm-status-writes.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    writes: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '30' },
    // Pause between timed writes, as the product bench (bench/embedded/run.ts) spaces its writes; 0 = back to back.
    'gap-ms': { type: 'string', default: '0' },
    // Run warmStatusWrites first, as serve.ts does at start (compare the first write with and without).
    'warm-start': { type: 'boolean', default: false },
  },
});
const writes = Number(values.writes);
const warmup = Number(values.warmup);
const gapMs = Number(values['gap-ms']);

/** Counts statements and transactions and the time spent in them. */
function traced(db: Database) {
  const counts = { statements: 0, transactions: 0, sqlMs: 0 };
  const wrap = (q: Queryable): Queryable => ({
    async query(sql, params) {
      const started = performance.now();
      try {
        return await q.query(sql, params);
      } finally {
        counts.statements++;
        counts.sqlMs += performance.now() - started;
      }
    },
    exec: (sql) => q.exec(sql),
  });
  const wrapped: Database = {
    ...db,
    kind: db.kind,
    transaction: (fn) => {
      counts.transactions++;
      return db.transaction((tx) => fn(wrap(tx)));
    },
    query: (sql, params) => wrap({ query: db.query, exec: async () => {} }).query(sql, params),
  };
  return { db: wrapped, counts };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lantern-bench-write-'));
  let raw: Database;
  let dropDatabase = async () => {};
  if (values.db === 'postgres') {
    const server = process.env.DATABASE_URL;
    if (!server) throw new Error('--db postgres needs DATABASE_URL');
    const name = `lantern_bench_${randomBytes(4).toString('hex')}`;
    const admin = openPostgres({ url: server, max: 1 });
    await admin.query(`create database ${name}`);
    raw = openPostgres({ url: withDatabase(server, name) });
    dropDatabase = async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.close();
    };
  } else {
    raw = await openPglite({ dataDir: join(dataDir, 'db') });
  }
  try {
    await migrate(raw);
    await seedDemo(raw);
    const { db, counts } = traced(raw);
    // One user writes as fast as it can: the per-user write limit is raised explicitly.
    const env = parseEnv({
      ...process.env,
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_WRITES_PER_MIN: '1000000000',
    });
    const log = createLogger('silent');
    const tokens = localAccessTokens(new TextEncoder().encode('bench-secret-bench-secret-bench-secret-01'));
    const mail = createMailer({ mailDir: join(dataDir, 'mail'), from: env.MAIL_FROM });
    const realtime = createRealtime({ db, log });
    await realtime.start();
    const deps = createDeps(env, db, { log, localTokens: tokens, mail, realtime });
    const app = createApp(deps);
    if (values['warm-start']) await warmStatusWrites(deps);
    const [user] = await raw.query<{ id: string }>('select id from auth.users where email = $1', [demoAdmin.email]);
    const [service] = await raw.query<{ id: string; org_id: string }>(
      `select s.id, s.org_id from public.services s join public.organizations o on o.id = s.org_id
       where o.slug = 'demo' order by s.position limit 1`,
    );
    const token = await sessionSigner(db, tokens).sign(user!.id, demoAdmin.email);
    const path = `/api/organizations/${service!.org_id}/services/${service!.id}/status`;
    let i = 0;
    const write = async () => {
      const status = i++ % 2 === 0 ? 'degraded_performance' : 'operational';
      const res = await app.request(path, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ status }),
      });
      if (res.status !== 200) throw new Error(`write answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    const first: number[] = [];
    const firstSql: number[] = [];
    for (let n = 0; n < 10; n++) {
      const sqlBefore = counts.sqlMs;
      const started = performance.now();
      await write();
      first.push(performance.now() - started);
      firstSql.push(counts.sqlMs - sqlBefore);
    }
    for (let n = 0; n < warmup; n++) await write();
    // Let the reader's NOTIFY work finish so it does not land in the first timed writes.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const times: number[] = [];
    const sql: number[] = [];
    const before = { ...counts };
    const cpuBefore = process.cpuUsage();
    for (let n = 0; n < writes; n++) {
      const sqlBefore = counts.sqlMs;
      const started = performance.now();
      await write();
      times.push(performance.now() - started);
      sql.push(counts.sqlMs - sqlBefore);
      await new Promise((resolve) => (gapMs > 0 ? setTimeout(resolve, gapMs) : setImmediate(resolve)));
    }
    const cpu = process.cpuUsage(cpuBefore);
    const sorted = [...times].sort((a, b) => a - b);
    const sqlSorted = [...sql].sort((a, b) => a - b);
    const per = (key: 'statements' | 'transactions') => ((counts[key] - before[key]) / writes).toFixed(1);
    console.log(
      `--db ${raw.kind}: ${writes} writes in process (app.request), after ${warmup} warm-up writes\n` +
        `first write ${first[0]!.toFixed(2)} ms (${firstSql[0]!.toFixed(2)} in statements), ` +
        `tenth ${first[9]!.toFixed(2)} ms (${firstSql[9]!.toFixed(2)} in statements)\n` +
        `write p50 ${pct(sorted, 0.5).toFixed(2)} ms, p90 ${pct(sorted, 0.9).toFixed(2)} ms, p99 ${pct(sorted, 0.99).toFixed(2)} ms\n` +
        `per write: ${per('transactions')} transactions, ${per('statements')} statements (BEGIN/COMMIT not counted), ` +
        `time in statements p50 ${pct(sqlSorted, 0.5).toFixed(2)} ms\n` +
        // CPU time of this process per write: what a write costs without waiting for a core (on an
        // idle machine the latency is about this), so it compares runs on a loaded machine.
        `CPU per write (mean, user + system): ${((cpu.user + cpu.system) / 1000 / writes).toFixed(2)} ms`,
    );
    await realtime.close();
  } finally {
    await raw.close();
    await dropDatabase();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

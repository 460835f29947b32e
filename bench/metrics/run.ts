// Prometheus endpoints benchmark: 1,000 orgs × 20 services (each with status history across the
// 90-day window, an open incident per 10 orgs), then, through the real app (createApp, the production
// middleware stack, in process via app.request so the numbers are the time to produce the answer):
// one tenant's GET /api/organizations/:orgId/metrics with its metrics:read key, GET /metrics, a scrape
// of every tenant in a row, and two baselines on the same data in the same run: the public status
// JSON of the same org (GET /api/public/status/:slug, answered from the snapshot cache once warm) and
// the uptime route of one of its services (GET …/services/:id/uptime?days=90, the same kind of read).
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx node bench/metrics/run.ts [--orgs 1000] [--services 20] [--samples 500]
//   npx node bench/metrics/run.ts --orgs 200          (no DATABASE_URL: PGlite in a temp folder)
//
// On a server it creates and drops its own database (lantern_bench_*).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPostgres } from '../../api/src/db/postgres.ts';
import { openPglite } from '../../api/src/db/pglite.ts';
import { migrate } from '../../api/src/db/migrate.ts';
import type { Database } from '../../api/src/db/types.ts';
import { createApp } from '../../api/src/app.ts';
import { parseEnv } from '../../api/src/env.ts';
import { createLogger } from '../../api/src/logger.ts';
import { systemClock } from '../../api/src/clock.ts';
import { localAccessTokens } from '../../api/src/auth/local-jwt.ts';
import { createMailer } from '../../api/src/mail/mailer.ts';
import { createAuthService } from '../../api/src/auth/auth-service.ts';
import { createRealtime } from '../../api/src/realtime/realtime.ts';
import { createMetrics } from '../../api/src/metrics/metrics.ts';
import { systemOutbound } from '../../api/src/outbound/outbound.ts';
import { generateApiKeySecret, hashApiKeySecret } from '../../api/src/auth/api-key-secret.ts';

const { values } = parseArgs({
  options: {
    orgs: { type: 'string', default: '1000' },
    services: { type: 'string', default: '20' },
    samples: { type: 'string', default: '500' },
  },
});
const orgCount = Number(values.orgs);
const servicesPerOrg = Number(values.services);
const samples = Number(values.samples);
const serverUrl = process.env.DATABASE_URL;

/** Orgs, services created 120 days ago, 6 status changes each inside 100 days, some open incidents. */
async function seed(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `insert into public.organizations (slug, name, time_zone)
       select 'bench-' || g, 'Bench ' || g, (array['UTC', 'Europe/Berlin', 'America/New_York'])[1 + g % 3]
       from generate_series(1, $1) g`,
      [orgCount],
    );
    await tx.query(
      `insert into public.services (org_id, slug, name, position, is_public, created_at)
       select o.id, 'service-' || k, 'Service ' || k, k, k % 4 <> 0, now() - interval '120 days'
       from public.organizations o cross join generate_series(1, $1) k`,
      [servicesPerOrg],
    );
    await tx.query(
      `insert into public.service_status_history (org_id, service_id, status, source, created_at)
       select s.org_id, s.id,
              (array['major_outage', 'operational', 'partial_outage', 'operational', 'degraded_performance', 'operational'])[k],
              'manual', now() - make_interval(days => 100 - k * 16, mins => (random() * 600)::int)
       from public.services s cross join generate_series(1, 6) k`,
    );
    await tx.query(
      `insert into public.incidents (org_id, title, impact)
       select o.id, 'Bench incident', 'major' from public.organizations o where o.slug ~ '0$'`,
    );
  });
}

/** One metrics:read key per org: its secret, in slug order. */
async function createKeys(db: Database): Promise<{ orgId: string; slug: string; secret: string }[]> {
  const orgs = await db.query<{ id: string; slug: string }>('select id, slug from public.organizations order by slug');
  const keys = orgs.map((org) => ({ orgId: org.id, slug: org.slug, secret: generateApiKeySecret() }));
  await db.transaction(async (tx) => {
    for (const key of keys) {
      await tx.query(
        `insert into public.api_keys (org_id, name, prefix, key_hash, scopes) values ($1, 'bench', $2, $3, '{metrics:read}')`,
        [key.orgId, key.secret.slice(0, 8), hashApiKeySecret(key.secret)],
      );
    }
  });
  return keys;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const summary = (name: string, ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  return `${name.padEnd(44)} n=${String(ms.length).padStart(5)}  p50 ${percentile(sorted, 0.5).toFixed(2).padStart(7)} ms  p99 ${percentile(sorted, 0.99).toFixed(2).padStart(7)} ms  mean ${mean.toFixed(2).padStart(7)} ms`;
};

async function time(fn: () => Response | Promise<Response>, expectStatus = 200): Promise<number> {
  const started = performance.now();
  const res = await fn();
  const body = await res.arrayBuffer();
  const ms = performance.now() - started;
  if (res.status !== expectStatus) throw new Error(`status ${res.status}: ${Buffer.from(body).toString()}`);
  return ms;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lantern-bench-metrics-'));
  let db: Database;
  let cleanup = async () => {};
  if (serverUrl) {
    const name = `lantern_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    db = openPostgres({ url: url.toString() });
    cleanup = async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    db = await openPglite({ dataDir: join(dataDir, 'db') });
  }
  try {
    await migrate(db);
    const started = performance.now();
    await seed(db);
    const keys = await createKeys(db);
    console.log(
      `${db.kind}: ${orgCount} orgs × ${servicesPerOrg} services seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const env = parseEnv({ ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const log = createLogger('silent');
    const tokens = localAccessTokens(new TextEncoder().encode('bench-secret-bench-secret-bench-secret-01'));
    const mail = createMailer({ mailDir: join(dataDir, 'mail'), from: env.MAIL_FROM });
    const auth = createAuthService({ env, db, clock: systemClock, localTokens: tokens });
    const realtime = createRealtime({ db, log });
    await realtime.start();
    const metrics = createMetrics();
    const deps = {
      env,
      db,
      log,
      clock: systemClock,
      tokens: auth.tokens,
      mail,
      auth,
      realtime,
      metrics,
      outbound: systemOutbound,
    };
    const app = createApp(deps);

    const one = keys[Math.floor(keys.length / 2)]!;
    const [service] = await db.query<{ id: string }>(
      `select id from public.services where org_id = $1 order by position limit 1`,
      [one.orgId],
    );
    const [user] = await db.query<{ id: string }>(
      `insert into auth.users (email, email_confirmed_at) values ('bench-admin@example.test', now()) returning id`,
    );
    await db.query(`insert into public.organization_members (org_id, user_id, role) values ($1, $2, 'admin')`, [
      one.orgId,
      user!.id,
    ]);
    const adminToken = await tokens.sign(user!.id, 'bench-admin@example.test');

    const tenant = () =>
      app.request(`/api/organizations/${one.orgId}/metrics`, { headers: { Authorization: `Bearer ${one.secret}` } });
    const operator = () => app.request('/metrics');
    const publicStatus = () => app.request(`/api/public/status/${one.slug}`);
    const uptime = () =>
      app.request(`/api/organizations/${one.orgId}/services/${service!.id}/uptime?days=90`, {
        headers: { Authorization: `Bearer ${adminToken}` },
      });

    // Warm up every path (JIT, the snapshot cache, the pool), then alternate so noise hits all alike.
    for (let i = 0; i < 50; i++) for (const fn of [tenant, operator, publicStatus, uptime]) await time(fn);
    const results: Record<string, number[]> = { tenant: [], operator: [], publicStatus: [], uptime: [] };
    for (let i = 0; i < samples; i++) {
      results.tenant!.push(await time(tenant));
      results.operator!.push(await time(operator));
      results.publicStatus!.push(await time(publicStatus));
      results.uptime!.push(await time(uptime));
    }
    // Every tenant in a row, twice: the first round is each key's first use (it records last_used_at,
    // a write); the second is what Prometheus' steady scrape loop costs (a key's use is recorded at
    // most once a minute, auth/verify-api-key.ts).
    const scrapeAll = async () => {
      const started = performance.now();
      const times: number[] = [];
      for (const key of keys) {
        times.push(
          await time(() =>
            app.request(`/api/organizations/${key.orgId}/metrics`, {
              headers: { Authorization: `Bearer ${key.secret}` },
            }),
          ),
        );
      }
      return { times, seconds: (performance.now() - started) / 1000 };
    };
    const firstRound = await scrapeAll();
    const steadyRound = await scrapeAll();
    const body = await (await tenant()).text();

    console.log(
      `one tenant's body: ${body.split('\n').filter((l) => l && !l.startsWith('#')).length} series, ${body.length} bytes`,
    );
    console.log(summary(`tenant /api/organizations/:orgId/metrics`, results.tenant!));
    console.log(summary('operator /metrics', results.operator!));
    console.log(summary('baseline: public status JSON (warm cache)', results.publicStatus!));
    console.log(summary('baseline: uptime route, 1 service, 90 days', results.uptime!));
    console.log(summary(`every tenant, first use of each key (${keys.length})`, firstRound.times));
    console.log(summary(`every tenant, steady scrape loop (${keys.length})`, steadyRound.times));
    console.log(
      `every tenant in a row: ${firstRound.seconds.toFixed(2)} s (first use), ${steadyRound.seconds.toFixed(2)} s (steady)`,
    );
    await realtime.close();
  } finally {
    await db.close();
    await cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

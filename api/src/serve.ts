import { listen } from './http/listen.ts';
import { productionServerOptions } from './http/server-options.ts';
import { parseEnv, type Env } from './env.ts';
import { createLogger, type Logger } from './logger.ts';
import { openDatabase } from './db/open.ts';
import { migrate } from './db/migrate.ts';
import { seedDemo, demoAdmin, demoAdminExists } from './db/seed.ts';
import { createApp } from './app.ts';
import { createDeps } from './deps.ts';
import { systemClock } from './clock.ts';
import { createRealtime } from './realtime/realtime.ts';
import { createMaintenanceScheduler, maintenanceSchedulerJob } from './scheduler/maintenance-scheduler.ts';
import { createSiteRenderer } from './static-site/site-renderer.ts';
import { createMetrics } from './metrics/metrics.ts';
import { warmStatusWrites } from './warm-up/warm-status-writes.ts';
import type { Server } from 'node:http';
import { describeStartupFailure, type StartupStep } from './startup-failure.ts';
import { trackRequests } from './http/drain.ts';

// What start-up is doing now, and how to undo what it has opened so far: a failed start releases
// the DATA_DIR lock and its connections before it exits, and says in one line what went wrong.
let step: StartupStep = 'config';
let startedEnv: Env | undefined;
let startupLog: Logger | undefined;
const openedSoFar: Array<() => Promise<unknown>> = [];

/** Starts the whole product in one process: migrate, seed the demo on an empty database, listen. */
async function main(): Promise<void> {
  const env = parseEnv();
  startedEnv = env;
  const log = createLogger(env.LOG_LEVEL);
  startupLog = log;
  const metrics = createMetrics();
  step = 'database';
  const db = metrics.database.instrument(await openDatabase(env));
  openedSoFar.push(() => db.close());
  step = 'migrate';
  const migration = await migrate(db, { log: (line) => log.info(line) });
  step = 'start';
  const seeded = env.SEED_DEMO ? await seedDemo(db) : false;
  const demoSignIn = seeded || (env.SEED_DEMO && (await demoAdminExists(db)));
  // Realtime listens before the server accepts streams, so no event slips between the two.
  const realtime = createRealtime({ db, log });
  await realtime.start();
  openedSoFar.push(() => realtime.close());
  const deps = createDeps(env, db, { log, metrics, realtime });
  const app = createApp(deps);
  // Starts and completes maintenance windows; only one process of several acts (leader lock).
  const maintenanceScheduler = createMaintenanceScheduler({
    db,
    clock: systemClock,
    log,
    databaseUrl: env.DATABASE_URL,
    onRound: (result) => metrics.scheduler.ran(maintenanceSchedulerJob, result),
  });
  maintenanceScheduler.start();
  openedSoFar.push(() => maintenanceScheduler.stop());
  // Re-renders each org's static pages on its events (one leader of several processes renders).
  const siteRenderer = createSiteRenderer({
    db,
    env,
    log,
    clock: systemClock,
    realtime,
    onRendered: metrics.siteRenders.rendered,
  });
  metrics.sources.siteRenderer = siteRenderer;
  openedSoFar.push(() => siteRenderer.stop());
  await siteRenderer.start();
  // On PGlite the first status writes would otherwise pay for their first executions
  // (warm-status-writes.ts). Not on a PostgreSQL server: there the warm-up did not take the first
  // change closer to the tenth (each server connection has its own caches, and the pool has several)
  // while its compiled code took idle RSS from 197 to 203 MB, over the 200 MB that mode keeps to
  // (docs/benchmarks.md, "Write path"). Only speed is at stake: a warm-up that fails is logged and
  // start-up goes on.
  if (db.kind === 'pglite') {
    await warmStatusWrites(deps).then(
      (ms) => log.debug({ ms: ms.map(Math.round) }, 'warmed up the status write'),
      (error: unknown) => log.warn({ err: error }, 'status write warm-up failed; the first writes will be slower'),
    );
  }
  // Every process runs a worker: `for update skip locked` shares the due deliveries among them.
  await deps.outbox!.start();
  openedSoFar.push(() => deps.outbox!.stop());

  // Header and request timeouts against slowloris (http/server-options.ts).
  const serverOptions = productionServerOptions;
  step = 'listen';
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = listen(app, deps, { port: env.PORT, hostname: env.HOST, serverOptions }, (info) => {
      listening.off('error', reject);
      resolve(listening);
      printBanner(info.port);
    });
    listening.once('error', reject);
  });
  const requests = trackRequests(server);
  function printBanner(port: number): void {
    log.info({ port, database: db.kind, schema: migration.version }, 'Lantern is listening');
    console.log(`\n  Lantern is running at http://localhost:${port}`);
    console.log(`  Database: ${db.kind === 'pglite' ? `embedded (${env.DATA_DIR}/db)` : 'PostgreSQL server'}`);
    console.log(`  Admin app: http://localhost:${port}/admin/`);
    if (seeded) console.log('  Demo data loaded.');
    if (demoSignIn) console.log(`  Demo sign-in: ${demoAdmin.email} / ${demoAdmin.password}`);
    if (demoSignIn) console.log(`  Demo status page: http://localhost:${port}/status/demo/`);
    console.log(`  Status badge demo: http://localhost:${port}/widget/demo.html`);
    console.log(`  API reference: http://localhost:${port}/api/docs`);
    console.log('');
  }

  // SIGTERM (a deploy, `docker stop`, Ctrl-C): stop taking connections, end streams with a `retry:`
  // hint so clients reconnect to another process, let requests already received finish (a write in
  // flight is committed and acknowledged), then give up the leader locks (a standby takes over the
  // scheduler and renderer) and the database (PGlite's DATA_DIR lock). Bounded: after
  // SHUTDOWN_TIMEOUT_MS whatever is left is cut and the exit code says so.
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    const started = performance.now();
    log.info({ signal, inFlight: requests.inFlight }, 'shutting down');
    const hardStop = setTimeout(() => {
      log.error({ inFlight: requests.inFlight }, 'shutdown took too long; exiting');
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS + 5_000);
    hardStop.unref();
    realtime.endStreams();
    const drained = await requests.drain(env.SHUTDOWN_TIMEOUT_MS);
    server.closeAllConnections();
    await maintenanceScheduler.stop();
    await siteRenderer.stop();
    // Sends in flight are abandoned and retried later (by this or another process): none is lost.
    await deps.outbox!.stop();
    await realtime.close();
    await db.close();
    log.info({ drained, ms: Math.round(performance.now() - started) }, 'shut down');
    process.exit(drained === 'drained' ? 0 : 1);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch(async (error: unknown) => {
  startupLog?.error({ err: error, step }, 'start-up failed');
  for (const close of openedSoFar.reverse()) await close().catch(() => {});
  console.error(
    describeStartupFailure(error, step, {
      port: startedEnv?.PORT,
      host: startedEnv?.HOST,
      databaseUrl: startedEnv?.DATABASE_URL,
    }),
  );
  process.exit(1);
});

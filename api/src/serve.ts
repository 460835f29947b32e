import { listen } from './http/listen.ts';
import { parseEnv, EnvError } from './env.ts';
import { createLogger } from './logger.ts';
import { openDatabase } from './db/open.ts';
import { migrate } from './db/migrate.ts';
import { seedDemo, demoAdmin, demoAdminExists } from './db/seed.ts';
import { createApp } from './app.ts';
import type { Deps } from './http/app-env.ts';
import { systemClock } from './clock.ts';
import { loadJwtSecret } from './auth/jwt-secret.ts';
import { localAccessTokens } from './auth/local-jwt.ts';
import { createMailer } from './mail/mailer.ts';
import { systemOutbound } from './outbound/outbound.ts';
import { createAuthService } from './auth/auth-service.ts';
import { join } from 'node:path';
import { createRealtime } from './realtime/realtime.ts';
import { createMaintenanceScheduler, maintenanceSchedulerJob } from './scheduler/maintenance-scheduler.ts';
import { createSiteRenderer } from './static-site/site-renderer.ts';
import { createMetrics } from './metrics/metrics.ts';
import { createOutboxWorker } from './outbox/worker.ts';
import { outboxChannels } from './outbox-channels.ts';

/** Starts the whole product in one process: migrate, seed the demo on an empty database, listen. */
async function main(): Promise<void> {
  let env;
  try {
    env = parseEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger(env.LOG_LEVEL);
  const metrics = createMetrics();
  const db = metrics.database.instrument(await openDatabase(env));
  const migration = await migrate(db, { log: (line) => log.info(line) });
  const seeded = env.SEED_DEMO ? await seedDemo(db) : false;
  const demoSignIn = seeded || (env.SEED_DEMO && (await demoAdminExists(db)));
  const tokens = localAccessTokens(loadJwtSecret(env.JWT_SECRET, env.DATA_DIR));
  const mail = createMailer({ smtpUrl: env.SMTP_URL, mailDir: join(env.DATA_DIR, 'mail'), from: env.MAIL_FROM });
  const auth = createAuthService({ env, db, clock: systemClock, localTokens: tokens });
  // Realtime listens before the server accepts streams, so no event slips between the two.
  const realtime = createRealtime({ db, log });
  await realtime.start();
  // Every process runs a worker: `for update skip locked` shares the due deliveries among them.
  const outbox = createOutboxWorker({
    db,
    clock: systemClock,
    log,
    channels: outboxChannels({ env, mail, db, clock: systemClock, outbound: systemOutbound }),
    retryBaseMs: env.OUTBOX_RETRY_BASE_MS,
    leaseMs: env.OUTBOX_LEASE_MS,
    onAttempt: metrics.outbox.attempted,
  });
  const deps: Deps = {
    env,
    db,
    log,
    clock: systemClock,
    tokens: auth.tokens,
    mail,
    auth,
    realtime,
    metrics,
    outbox,
    outbound: systemOutbound,
  };
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
  await siteRenderer.start();
  await outbox.start();

  // Node's defaults (60 s for headers, 300 s for a request) leave room for slowloris; a request's
  // headers and body come in seconds or not at all. Streams are answers, so they are not cut by these.
  const serverOptions = { headersTimeout: 10_000, requestTimeout: 30_000 };
  const server = listen(app, deps, { port: env.PORT, hostname: env.HOST, serverOptions }, (info) => {
    log.info({ port: info.port, database: db.kind, schema: migration.version }, 'Lantern is listening');
    console.log(`\n  Lantern is running at http://localhost:${info.port}`);
    console.log(`  Database: ${db.kind === 'pglite' ? `embedded (${env.DATA_DIR}/db)` : 'PostgreSQL server'}`);
    console.log(`  Admin app: http://localhost:${info.port}/admin/`);
    if (seeded) console.log('  Demo data loaded.');
    if (demoSignIn) console.log(`  Demo sign-in: ${demoAdmin.email} / ${demoAdmin.password}`);
    if (demoSignIn) console.log(`  Demo status page: http://localhost:${info.port}/status/demo/`);
    console.log(`  Status badge demo: http://localhost:${info.port}/widget/demo.html`);
    console.log(`  API reference: http://localhost:${info.port}/api/docs`);
    console.log('');
  });

  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    server.close();
    await maintenanceScheduler.stop();
    await siteRenderer.stop();
    // Sends in flight are abandoned and retried later (by this or another process): none is lost.
    await outbox.stop();
    await realtime.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

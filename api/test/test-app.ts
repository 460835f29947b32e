import { createApp, type App } from '../src/app.ts';
import { parseEnv, type Env } from '../src/env.ts';
import { createLogger } from '../src/logger.ts';
import { localAccessTokens, type LocalAccessTokens } from '../src/auth/local-jwt.ts';
import { createMailer } from '../src/mail/mailer.ts';
import { createAuthService } from '../src/auth/auth-service.ts';
import type { Deps } from '../src/http/app-env.ts';
import type { Clock } from '../src/clock.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRealtime, type RealtimeOptions } from '../src/realtime/realtime.ts';
import { createMetrics } from '../src/metrics/metrics.ts';
import { assertNoOutboundViolations, createOutboundGuard, type OutboundGuard } from './outbound-guard.ts';
import { createOutboxWorker } from '../src/outbox/worker.ts';
import { outboxChannels } from '../src/outbox-channels.ts';
import { registerMailDrain } from './mailbox.ts';

/** A clock tests move by hand. */
export class TestClock implements Clock {
  current: Date;
  constructor(start = new Date()) {
    this.current = start;
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestContext extends TestDatabase {
  app: App;
  deps: Deps;
  env: Env;
  tokens: LocalAccessTokens;
  clock: TestClock;
  dataDir: string;
  /** The app's Outbound: `*.test` names only, and any connect beyond loopback fails the test file. */
  outbound: OutboundGuard;
}

/** The real app on a fresh database clone, with a temp DATA_DIR and a controllable clock. */
export async function createTestContext(
  envOverrides: Record<string, string> = {},
  realtimeOptions: Partial<Omit<RealtimeOptions, 'db' | 'log'>> = {},
): Promise<TestContext> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'lantern-test-'));
  const env = parseEnv({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...envOverrides });
  const tokens = localAccessTokens(new TextEncoder().encode('test-secret-test-secret-test-secret-0123'));
  const clock = new TestClock();
  // Mail goes to .eml files here, so tests read links from `${dataDir}/mail`, unless a test passes
  // SMTP_URL (its own loopback SMTP server, test/smtp-sink.ts).
  const mail = createMailer({ smtpUrl: envOverrides.SMTP_URL, mailDir: join(dataDir, 'mail'), from: env.MAIL_FROM });
  const outbound = createOutboundGuard();
  const auth = createAuthService({ env, db: database.db, clock, localTokens: tokens, outbound });
  const metrics = createMetrics();
  // The outbox worker is not started: tests drain it (`deps.outbox.drain()`, or reading the mailbox
  // does) on the TestClock, so nothing is sent behind their back and nothing sleeps.
  const outbox = createOutboxWorker({
    db: database.db,
    clock,
    log: createLogger('silent'),
    channels: outboxChannels({ env, mail, db: database.db, clock, outbound }),
    retryBaseMs: env.OUTBOX_RETRY_BASE_MS,
    leaseMs: env.OUTBOX_LEASE_MS,
    onAttempt: metrics.outbox.attempted,
  });
  const unregisterDrain = registerMailDrain(dataDir, () => outbox.drain());
  const deps: Deps = {
    env,
    db: database.db,
    log: createLogger('silent'),
    clock,
    tokens: auth.tokens,
    mail,
    auth,
    metrics,
    outbound,
    outbox,
  };
  // Realtime: the event-log reader LISTENs on this database; streams need a real server (serveApp in test/streams.ts).
  const realtime = createRealtime({ db: database.db, log: deps.log, ...realtimeOptions });
  await realtime.start();
  deps.realtime = realtime;
  const app = createApp(deps);
  return {
    ...database,
    app,
    deps,
    env,
    tokens,
    clock,
    dataDir,
    outbound,
    async close() {
      unregisterDrain();
      await realtime.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
      assertNoOutboundViolations(outbound);
    },
  };
}

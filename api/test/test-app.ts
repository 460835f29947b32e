import { createApp, type App } from '../src/app.ts';
import { parseEnv, type Env } from '../src/env.ts';
import { createLogger, type Logger } from '../src/logger.ts';
import { localAccessTokens } from '../src/auth/local-jwt.ts';
import { sessionSigner, type SessionSigner } from '../src/auth/session-signer.ts';
import { createMailer } from '../src/mail/mailer.ts';
import { createDeps } from '../src/deps.ts';
import type { Deps } from '../src/http/app-env.ts';
import type { Clock } from '../src/clock.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRealtime, type RealtimeOptions } from '../src/realtime/realtime.ts';
import { assertNoOutboundViolations, createOutboundGuard, type OutboundGuard } from './outbound-guard.ts';
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
  /** Signs access tokens in real sessions (session-signer.ts). */
  tokens: SessionSigner;
  clock: TestClock;
  dataDir: string;
  /** The app's Outbound: `*.test` names only, and any connect beyond loopback fails the test file. */
  outbound: OutboundGuard;
}

/**
 * The real app on a fresh database clone, with a temp DATA_DIR and a controllable clock. Logs are
 * silent unless `options.log` is given (a test that reads the log lines passes its own logger).
 */
export async function createTestContext(
  envOverrides: Record<string, string> = {},
  realtimeOptions: Partial<Omit<RealtimeOptions, 'db' | 'log'>> = {},
  options: { log?: Logger } = {},
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
  // The outbox worker is not started: tests drain it (`deps.outbox.drain()`, or reading the mailbox
  // does) on the TestClock, so nothing is sent behind their back and nothing sleeps.
  const deps = createDeps(env, database.db, {
    log: options.log ?? createLogger('silent'),
    clock,
    localTokens: tokens,
    mail,
    outbound,
  });
  const unregisterDrain = registerMailDrain(dataDir, () => deps.outbox!.drain());
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
    tokens: sessionSigner(database.db, tokens),
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

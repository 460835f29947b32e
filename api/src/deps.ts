import { join } from 'node:path';
import type { Env } from './env.ts';
import type { Database } from './db/types.ts';
import type { Deps } from './http/app-env.ts';
import type { Realtime } from './realtime/realtime.ts';
import { systemClock, type Clock } from './clock.ts';
import { createLogger, type Logger } from './logger.ts';
import { loadJwtSecret } from './auth/jwt-secret.ts';
import { localAccessTokens, type LocalAccessTokens } from './auth/local-jwt.ts';
import { createAuthService } from './auth/auth-service.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { createMetrics, type Metrics } from './metrics/metrics.ts';
import { systemOutbound, type Outbound } from './outbound/outbound.ts';
import { createOutboxWorker } from './outbox/worker.ts';
import { outboxChannels } from './outbox-channels.ts';

/** What createDeps takes besides the environment and the database; every part has a default. */
export interface DepsOptions {
  /** Default: pino at `LOG_LEVEL`. */
  log?: Logger;
  /** Default: the system clock (tests pass a `TestClock`). */
  clock?: Clock;
  /** The local provider's token signer. Default: its secret from JWT_SECRET or `$DATA_DIR/jwt-secret`. */
  localTokens?: LocalAccessTokens;
  /** Default: SMTP_URL, else `.eml` files in `$DATA_DIR/mail`. */
  mail?: Mailer;
  /** Default: a fresh registry. */
  metrics?: Metrics;
  /** Started by the caller (it LISTENs; absent: stream routes answer 503). */
  realtime?: Realtime;
  /** Default: the real network. Tests pass their guard (api/test/outbound-guard.ts): `*.test` names, loopback only. */
  outbound?: Outbound;
}

/**
 * The one place `Deps` is put together: serve.ts, the test app, the test and benchmark server
 * entries all call it, so a new dependency is added here once (with its default) rather than in
 * each of them.
 */
export function createDeps(env: Env, db: Database, options: DepsOptions = {}): Deps & Required<Pick<Deps, 'outbox'>> {
  const log = options.log ?? createLogger(env.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  const localTokens = options.localTokens ?? localAccessTokens(loadJwtSecret(env.JWT_SECRET, env.DATA_DIR));
  const mail =
    options.mail ?? createMailer({ smtpUrl: env.SMTP_URL, mailDir: join(env.DATA_DIR, 'mail'), from: env.MAIL_FROM });
  const outbound = options.outbound ?? systemOutbound;
  const metrics = options.metrics ?? createMetrics();
  const auth = createAuthService({ env, db, clock, localTokens, outbound });
  // Built, not started: serve.ts starts it (every process runs one), tests drain it on their clock.
  const outbox = createOutboxWorker({
    db,
    clock,
    log,
    channels: outboxChannels({ env, mail, db, clock, outbound }),
    retryBaseMs: env.OUTBOX_RETRY_BASE_MS,
    leaseMs: env.OUTBOX_LEASE_MS,
    onAttempt: metrics.outbox.attempted,
  });
  return {
    env,
    db,
    log,
    clock,
    tokens: auth.tokens,
    mail,
    auth,
    metrics,
    outbound,
    outbox,
    ...(options.realtime ? { realtime: options.realtime } : {}),
  };
}

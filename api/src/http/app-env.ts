import type { Env } from '../env.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/types.ts';
import type { Logger } from '../logger.ts';
import type { AccessTokenVerifier, Caller, OrgAccess } from '../auth/caller.ts';
import type { Realtime } from '../realtime/realtime.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { AuthService } from '../auth/auth-service.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { ApiReference } from './api-reference.ts';
import type { Outbound } from '../outbound/outbound.ts';
import type { OutboxWorker } from '../outbox/worker.ts';

/** Everything a handler may use; built once by `createApp`. */
export interface Deps {
  env: Env;
  db: Database;
  log: Logger;
  clock: Clock;
  tokens: AccessTokenVerifier;
  /** The one mail transport (SMTP or .eml files). */
  mail: Mailer;
  /** Accounts: the configured provider (local or Supabase) and the login limits. */
  auth: AuthService;
  /** The SSE hub and event-log reader (absent: stream routes answer 503). */
  realtime?: Realtime;
  /** The operator's Prometheus metrics of this app (its own registry: see metrics/metrics.ts). */
  metrics: Metrics;
  /** The only way out to the network for HTTP (webhooks): injectable lookup and connect (outbound/). */
  outbound: Outbound;
  /** This process's outbox worker (absent in kits that send nothing; enqueuing needs only a transaction). */
  outbox?: OutboxWorker;
}

/** Hono's typing of our context variables. */
export interface AppEnv {
  Variables: {
    requestId: string;
    deps: Deps;
    caller: Caller;
    org: OrgAccess;
    /** The reference of this app's own routes (set by `createApp` for every request). */
    apiReference: ApiReference;
  };
}

import { Registry } from 'prom-client';
import { registerProcessMetrics } from './process.ts';
import { httpMetrics } from './http.ts';
import { streamMetrics } from './streams.ts';
import { snapshotCacheMetrics } from './snapshot-cache.ts';
import { siteRenderMetrics, type SiteRenderStats } from './site-renders.ts';
import { schedulerMetrics } from './scheduler.ts';
import { databaseMetrics, type PoolCounts } from './database.ts';
import { authLimitMetrics } from './auth-limits.ts';
import { alertMetrics } from './alerts.ts';
import type { HubStats } from '../realtime/hub.ts';
import type { Database } from '../db/types.ts';
import { outboxMetrics } from './outbox.ts';

/** The modules whose own counts the operator metrics read at scrape time; each may be absent. */
export interface MetricSources {
  realtime?: { stats(): HubStats };
  snapshotCache?: { counts: { hits: number; misses: number }; size: number };
  siteRenderer?: { stats(): SiteRenderStats };
  pool?: PoolCounts;
  /** The database whose outbox queue the gauges read. */
  outboxDb?: Database;
}

/**
 * The operator's metrics of one app: its own prom-client registry (never the global default one,
 * so several apps in one process, as in the tests, do not share counts), Node's process metrics, and
 * one group per concern. Call sites count through a group (`metrics.http.observe(…)`); modules that
 * keep their own counts are read at scrape time through `sources`.
 */
export function createMetrics() {
  const register = new Registry();
  registerProcessMetrics(register);
  const sources: MetricSources = {};
  snapshotCacheMetrics(register, () => sources.snapshotCache);
  return {
    register,
    sources,
    http: httpMetrics(register),
    streams: streamMetrics(register, () => sources.realtime?.stats()),
    siteRenders: siteRenderMetrics(register, () => sources.siteRenderer?.stats()),
    scheduler: schedulerMetrics(register),
    database: databaseMetrics(register, () => sources.pool),
    auth: authLimitMetrics(register),
    alerts: alertMetrics(register),
    outbox: outboxMetrics(register, () => sources.outboxDb),
  };
}

/** The operator metrics of one app (see createMetrics). */
export type Metrics = ReturnType<typeof createMetrics>;

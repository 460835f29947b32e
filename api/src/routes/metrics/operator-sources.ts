import type { Deps } from '../../http/app-env.ts';
import type { PoolCounts } from '../../metrics/database.ts';
import { publicSnapshots } from '../../public-snapshot/registry.ts';

/**
 * Points the operator metrics at this app's own modules before a scrape reads them: its realtime
 * hub, its public snapshot cache, its database's outbox queue and, on PostgreSQL, its connection pool. (The site renderer is not
 * part of the app; serve.ts attaches it.)
 */
export function watchAppSources(deps: Deps): void {
  const { sources } = deps.metrics;
  sources.realtime = deps.realtime;
  sources.snapshotCache = publicSnapshots(deps).cache;
  sources.pool = (deps.db as { pool?: PoolCounts }).pool;
  sources.outboxDb = deps.db;
}

import type { Registry } from 'prom-client';
import { pulledCounter, pulledGauge, single } from './pulled.ts';

/** What the cache metrics read: the public snapshot cache's counts (absent until first used). */
export type SnapshotCacheSource = () =>
  { counts: { hits: number; misses: number; stale?: number }; size: number } | undefined;

/** Hits and misses of the public snapshot cache (public status pages, logos, the fast lane). */
export function snapshotCacheMetrics(register: Registry, cache: SnapshotCacheSource): void {
  pulledCounter(register, {
    name: 'lantern_public_snapshot_cache_hits_total',
    help: 'Public snapshot reads answered from memory (the fast lane and the Hono routes).',
    read: () => single(cache()?.counts.hits ?? 0),
  });
  pulledCounter(register, {
    name: 'lantern_public_snapshot_cache_misses_total',
    help: 'Public snapshot reads that had to load from the database.',
    read: () => single(cache()?.counts.misses ?? 0),
  });
  pulledCounter(register, {
    name: 'lantern_public_snapshot_stale_total',
    help: 'Public snapshot reads answered with the last snapshot because the database was unreachable.',
    read: () => single(cache()?.counts.stale ?? 0),
  });
  pulledGauge(register, {
    name: 'lantern_public_snapshot_cache_entries',
    help: 'Public snapshots (pages and logos) held in memory.',
    read: () => single(cache()?.size ?? 0),
  });
}

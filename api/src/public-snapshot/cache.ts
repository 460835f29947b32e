/** A cached value of one org at one event seq. */
export interface Versioned {
  orgId: string;
  seq: number;
}

export interface SnapshotCacheOptions {
  /**
   * Safety net only: events invalidate entries at once, but a lost notification (a dropped LISTEN
   * connection) or a time window sliding (recently resolved incidents) must not stay forever.
   */
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
  /**
   * Errors of a build after which the last value (even expired) is answered instead: a database
   * outage must not take the public JSON down with it. The stale value is kept `staleRetryMs` more
   * before the next build is tried, so readers do not each wait for a connect timeout.
   */
  serveStaleOn?: (error: unknown) => boolean;
  staleRetryMs?: number;
}

interface Entry {
  value: Versioned;
  expiresAt: number;
}

/**
 * In-memory public snapshots per org, so public reads do not hit the database. An event of an org
 * (`invalidate(orgId, seq)`) drops its entries; a build that started before that event and finishes
 * after it is answered but not kept (its seq is older than the event's). Concurrent misses of one key
 * share one build.
 */
export class SnapshotCache {
  readonly #entries = new Map<string, Entry>();
  readonly #keysOfOrg = new Map<string, Set<string>>();
  readonly #inflight = new Map<string, Promise<Versioned | null>>();
  readonly #newestSeq = new Map<string, number>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #serveStaleOn: (error: unknown) => boolean;
  readonly #staleRetryMs: number;
  /** Reads answered from memory, and reads that had to build (the metrics' hit ratio). */
  readonly counts = { hits: 0, misses: 0, stale: 0 };

  constructor({
    ttlMs = 15_000,
    maxEntries = 2_000,
    now = Date.now,
    serveStaleOn = () => false,
    staleRetryMs = 5_000,
  }: SnapshotCacheOptions = {}) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
    this.#now = now;
    this.#serveStaleOn = serveStaleOn;
    this.#staleRetryMs = staleRetryMs;
  }

  /** The cached value of `key`, or `build()`'s (kept unless stale); null is never cached. */
  get<T extends Versioned>(key: string, build: () => Promise<T | null>): Promise<T | null> {
    const hit = this.#entries.get(key);
    if (hit && hit.expiresAt > this.#now()) {
      this.counts.hits++;
      return Promise.resolve(hit.value as T);
    }
    this.counts.misses++;
    let pending = this.#inflight.get(key);
    if (!pending) {
      const started = this.#load(key, build);
      pending = started;
      this.#inflight.set(key, started);
      const done = () => {
        if (this.#inflight.get(key) === started) this.#inflight.delete(key);
      };
      started.then(done, done);
    }
    return pending as Promise<T | null>;
  }

  /**
   * The cached value of `key` when fresh, without building (the synchronous fast path of warm reads).
   * Only a hit is counted: a caller that finds nothing goes on to `get`, which counts the miss.
   */
  peek<T extends Versioned>(key: string): T | undefined {
    const hit = this.#entries.get(key);
    if (!hit || hit.expiresAt <= this.#now()) return undefined;
    this.counts.hits++;
    return hit.value as T;
  }

  /** An event of `orgId` committed at `seq`: everything cached of that org is out of date. */
  invalidate(orgId: string, seq: number): void {
    if (seq > (this.#newestSeq.get(orgId) ?? 0)) this.#newestSeq.set(orgId, seq);
    const keys = this.#keysOfOrg.get(orgId);
    if (!keys) return;
    for (const key of keys) {
      this.#entries.delete(key);
      // A build in flight may predate the event; later readers start a fresh one.
      this.#inflight.delete(key);
    }
    this.#keysOfOrg.delete(orgId);
  }

  /** Drops everything (e.g. after the event listener reconnected: notifications may be lost). */
  clear(): void {
    this.#entries.clear();
    this.#keysOfOrg.clear();
    this.#inflight.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  async #load(key: string, build: () => Promise<Versioned | null>): Promise<Versioned | null> {
    let value: Versioned | null;
    try {
      value = await build();
    } catch (error) {
      // Expired entries stay in the map until replaced, invalidated or evicted: the last good value.
      const stale = this.#entries.get(key);
      if (!stale || !this.#serveStaleOn(error)) throw error;
      this.counts.stale++;
      stale.expiresAt = this.#now() + this.#staleRetryMs;
      return stale.value;
    }
    if (value && value.seq >= (this.#newestSeq.get(value.orgId) ?? 0)) this.#store(key, value);
    return value;
  }

  #store(key: string, value: Versioned): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.#now() + this.#ttlMs });
    let keys = this.#keysOfOrg.get(value.orgId);
    if (!keys) this.#keysOfOrg.set(value.orgId, (keys = new Set()));
    keys.add(key);
    // Oldest inserted first out: a Map iterates in insertion order.
    while (this.#entries.size > this.#maxEntries) {
      const [oldest] = this.#entries.keys();
      const entry = this.#entries.get(oldest!)!;
      this.#entries.delete(oldest!);
      this.#keysOfOrg.get(entry.value.orgId)?.delete(oldest!);
    }
  }
}

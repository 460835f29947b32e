import { describe, expect, it } from 'vitest';
import { SnapshotCache, type Versioned } from './cache.ts';

const value = (orgId: string, seq: number, body = '') => ({ orgId, seq, body });

describe('SnapshotCache', () => {
  it('builds once and serves the cached value until the org has an event', async () => {
    const cache = new SnapshotCache();
    let builds = 0;
    const build = async () => value('o1', ++builds);
    expect((await cache.get('a', build))?.seq).toBe(1);
    expect((await cache.get('a', build))?.seq).toBe(1);
    cache.invalidate('o2', 9);
    expect((await cache.get('a', build))?.seq).toBe(1);
    cache.invalidate('o1', 2);
    expect((await cache.get('a', build))?.seq).toBe(2);
  });

  it('shares one build among concurrent misses', async () => {
    const cache = new SnapshotCache();
    let builds = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const build = async () => {
      builds++;
      await gate;
      return value('o1', 1);
    };
    const all = Promise.all([cache.get('a', build), cache.get('a', build), cache.get('a', build)]);
    release();
    expect((await all).map((v) => v?.seq)).toEqual([1, 1, 1]);
    expect(builds).toBe(1);
  });

  it('does not keep a build that an event overtook', async () => {
    const cache = new SnapshotCache();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = cache.get('a', async () => {
      await gate;
      return value('o1', 4);
    });
    cache.invalidate('o1', 5);
    release();
    expect((await slow)?.seq).toBe(4); // answered...
    const next = await cache.get('a', async () => value('o1', 5));
    expect(next?.seq).toBe(5); // ...but not kept
  });

  it('never caches null, expires entries after the TTL and evicts the oldest beyond the cap', async () => {
    let now = 0;
    const cache = new SnapshotCache({ ttlMs: 1000, maxEntries: 2, now: () => now });
    let builds = 0;
    await cache.get('missing', async () => (builds++, null));
    await cache.get('missing', async () => (builds++, null));
    expect(builds).toBe(2);
    await cache.get<Versioned>('a', async () => value('o1', 1));
    now = 1001;
    expect((await cache.get('a', async () => value('o1', 2)))?.seq).toBe(2);
    await cache.get('b', async () => value('o2', 1));
    await cache.get('c', async () => value('o3', 1));
    expect(cache.size).toBe(2);
    expect((await cache.get('a', async () => value('o1', 3)))?.seq).toBe(3);
  });

  it('lets a failed build fail its callers without poisoning the key', async () => {
    const cache = new SnapshotCache();
    await expect(cache.get('a', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect((await cache.get('a', async () => value('o1', 1)))?.seq).toBe(1);
  });

  it('answers the last value through a database outage, and tries again after staleRetryMs', async () => {
    let now = 0;
    const unreachable = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const cache = new SnapshotCache({
      ttlMs: 10,
      staleRetryMs: 100,
      now: () => now,
      serveStaleOn: (error) => (error as { code?: string }).code === 'ECONNREFUSED',
    });
    await cache.get('a', async () => value('o1', 1, 'good'));
    now = 50; // expired
    let attempts = 0;
    const down = async () => {
      attempts++;
      throw unreachable;
    };
    expect(await cache.get('a', down)).toEqual(value('o1', 1, 'good'));
    expect(await cache.get('a', down)).toEqual(value('o1', 1, 'good'));
    expect(attempts).toBe(1); // the stale value is held 100 ms before the next attempt
    expect(cache.counts.stale).toBe(1);
    // Any other error fails as before; a key never built has nothing to fall back on.
    now = 200;
    await expect(cache.get('a', async () => Promise.reject(new Error('bug')))).rejects.toThrow('bug');
    await expect(cache.get('b', down)).rejects.toBe(unreachable);
    expect((await cache.get('a', async () => value('o1', 2, 'fresh')))?.seq).toBe(2);
  });
});

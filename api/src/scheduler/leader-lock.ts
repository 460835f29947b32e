import pg from 'pg';
import type { Database } from '../db/types.ts';

/**
 * Leadership among processes for one singleton job. `acquire()` is called before every round of
 * work: it answers whether this process is (still, or now) the leader.
 */
export interface LeaderLock {
  acquire(): Promise<boolean>;
  release(): Promise<void>;
}

/** The advisory-lock key of a named job: a stable 63-bit number from the name (FNV-1a). */
export function advisoryKey(name: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(name)) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return (hash & 0x7fffffffffffffffn).toString();
}

export interface PostgresLeaderLockOptions {
  url: string;
  /** The job's name: the lock key, and the session's application_name (visible in pg_stat_activity). */
  name: string;
}

/**
 * A session-level `pg_try_advisory_lock` held on a dedicated connection (a pooled one would hand the
 * session to other work). The server releases the lock the moment that session ends, so when the
 * leader dies or loses its connection, a standby's next `acquire()` takes over. The leader checks its
 * session on every `acquire()`, and steps down as soon as the connection errors or ends.
 */
export function postgresLeaderLock({ url, name }: PostgresLeaderLockOptions): LeaderLock {
  const key = advisoryKey(name);
  let client: pg.Client | null = null;
  let held = false;

  const drop = (dead: pg.Client) => {
    if (client !== dead) return;
    client = null;
    held = false;
    void dead.end().catch(() => {});
  };

  const connect = async (): Promise<pg.Client> => {
    const fresh = new pg.Client({
      connectionString: url,
      application_name: name.slice(0, 63),
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
      query_timeout: 5_000,
    });
    fresh.on('error', () => drop(fresh));
    fresh.on('end', () => drop(fresh));
    await fresh.connect();
    return fresh;
  };

  return {
    async acquire() {
      try {
        if (client && held) {
          // Proves the session (and so the lock) is still ours; a dead one throws.
          await client.query('select 1');
          return true;
        }
        client ??= await connect();
        const [row] = (
          await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1::bigint) as locked', [key])
        ).rows;
        held = row?.locked === true;
        return held;
      } catch {
        if (client) drop(client);
        return false;
      }
    },
    async release() {
      const current = client;
      client = null;
      held = false;
      // Ending the session releases every advisory lock it holds.
      if (current) await current.end().catch(() => {});
    },
  };
}

const localHolders = new WeakMap<Database, Map<string, object>>();

/**
 * Leadership inside one process, for the embedded database (PGlite serves one process only, so the
 * only rivals are other instances in the same process, e.g. in tests).
 */
export function localLeaderLock(db: Database, name: string): LeaderLock {
  const me = {};
  const holders = () => {
    let map = localHolders.get(db);
    if (!map) localHolders.set(db, (map = new Map()));
    return map;
  };
  return {
    async acquire() {
      const map = holders();
      if (!map.has(name)) map.set(name, me);
      return map.get(name) === me;
    },
    async release() {
      const map = holders();
      if (map.get(name) === me) map.delete(name);
    },
  };
}

/** The right lock for a database: an advisory lock on a PostgreSQL server, an in-process one on PGlite. */
export function leaderLockFor(db: Database, url: string | null | undefined, name: string): LeaderLock {
  return db.kind === 'postgres' && url ? postgresLeaderLock({ url, name }) : localLeaderLock(db, name);
}

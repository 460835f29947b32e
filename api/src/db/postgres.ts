import pg from 'pg';
import type { Database, NotificationHandler } from './types.ts';

// Keep timestamps as ISO strings and bigints as numbers (seqs stay far below 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

export interface PostgresOptions {
  url: string;
  max?: number;
  /** How long a new connection may take before the request fails as "unavailable" (503). */
  connectTimeoutMs?: number;
}

/**
 * Connections that fail fast when the server is unreachable: without a timeout a connect to a host
 * that does not answer waits for the kernel (minutes), and every request waiting for the pool with
 * it. Keep-alive probes find a connection whose server vanished without a word.
 */
const connectionDefaults = (connectTimeoutMs: number) => ({
  connectionTimeoutMillis: connectTimeoutMs,
  keepAlive: true,
  keepAliveInitialDelayMillis: 10_000,
});

/** A PostgreSQL server (or Supabase) through a connection pool. */
export function openPostgres({
  url,
  max = 10,
  connectTimeoutMs = 3_000,
}: PostgresOptions): Database & { pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max, ...connectionDefaults(connectTimeoutMs) });
  // An idle client that loses its server emits 'error'; the pool replaces it. Without a listener the
  // process would crash on a database restart.
  pool.on('error', () => {});
  return {
    kind: 'postgres',
    pool,
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      // The pool listens for errors of idle clients only: a checked-out client whose connection dies
      // between two statements would emit 'error' with no listener and crash the process. Noted
      // here, the next statement fails instead (and the request answers 503).
      const onError = (error: Error) => (broken = error);
      client.on('error', onError);
      try {
        await client.query('begin');
        const result = await fn({
          query: async (sql, params = []) => (await client.query(sql, params as unknown[])).rows,
          exec: async (sql) => {
            await client.query(sql);
          },
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch((lost: unknown) => {
          // The connection is gone: the pool must not hand it out again.
          broken = lost instanceof Error ? lost : new Error(String(lost));
        });
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    async query(sql, params = []) {
      return (await pool.query(sql, params as unknown[])).rows;
    },
    async listen(channel: string, handler: NotificationHandler, onLost?: (error?: unknown) => void) {
      // A dedicated connection: LISTEN belongs to a session, and pooled clients are shared.
      const client = new pg.Client({ connectionString: url, ...connectionDefaults(connectTimeoutMs) });
      let ended = false;
      const lost = (error?: unknown) => {
        if (ended) return;
        ended = true;
        onLost?.(error);
      };
      client.on('error', lost);
      client.on('end', () => lost());
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) handler(message.payload ?? '');
      });
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      return async () => {
        ended = true;
        await client.end().catch(() => {});
      };
    },
    async close() {
      await pool.end();
    },
  };
}

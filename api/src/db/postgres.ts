import pg from 'pg';
import type { Database, NotificationHandler } from './types.ts';

// Keep timestamps as ISO strings and bigints as numbers (seqs stay far below 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

export interface PostgresOptions {
  url: string;
  max?: number;
}

/** A PostgreSQL server (or Supabase) through a connection pool. */
export function openPostgres({ url, max = 10 }: PostgresOptions): Database & { pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client that loses its server emits 'error'; the pool replaces it. Without a listener the
  // process would crash on a database restart.
  pool.on('error', () => {});
  return {
    kind: 'postgres',
    pool,
    async transaction(fn) {
      const client = await pool.connect();
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
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async query(sql, params = []) {
      return (await pool.query(sql, params as unknown[])).rows;
    },
    async listen(channel: string, handler: NotificationHandler, onLost?: (error?: unknown) => void) {
      // A dedicated connection: LISTEN belongs to a session, and pooled clients are shared.
      const client = new pg.Client({ connectionString: url });
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

import type { Env } from '../env.ts';
import type { Database } from './types.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { join } from 'node:path';

/** The configured database: the PostgreSQL server of `DATABASE_URL`, else PGlite in `DATA_DIR/db`. */
export async function openDatabase(env: Pick<Env, 'DATABASE_URL' | 'DATA_DIR'>): Promise<Database> {
  if (env.DATABASE_URL) return openPostgres({ url: env.DATABASE_URL });
  return openPglite({ dataDir: join(env.DATA_DIR, 'db') });
}

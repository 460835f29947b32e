import { PGlite } from '@electric-sql/pglite';
import type { Database, NotificationHandler, Queryable } from './types.ts';
import { lockFolder } from './folder-lock.ts';
import { initPgliteFolder } from './pglite-initdb.ts';
import { pgliteStartParams, useBaselineWasmCompiler } from './pglite-settings.ts';

export interface PgliteOptions {
  /** Folder of the database; absent means in memory (tests). */
  dataDir?: string;
  /** A data folder dump to start from (tests clone one migrated database per file). */
  loadDataDir?: Blob | File;
}

/** The embedded database: PGlite, one connection, so transactions run one after another. */
export async function openPglite({ dataDir, loadDataDir }: PgliteOptions = {}): Promise<Database & { pglite: PGlite }> {
  const release = dataDir ? lockFolder(dataDir) : () => {};
  let pglite: PGlite;
  try {
    useBaselineWasmCompiler();
    if (dataDir && !loadDataDir) await initPgliteFolder(dataDir);
    pglite = await PGlite.create({ dataDir, loadDataDir, startParams: pgliteStartParams });
  } catch (error) {
    release();
    throw error;
  }
  const asQueryable = (runner: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await runner.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await runner.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    pglite,
    transaction: (fn) => pglite.transaction((tx) => fn(asQueryable(tx))),
    query: (sql, params) => asQueryable(pglite).query(sql, params),
    async listen(channel: string, handler: NotificationHandler) {
      const unsubscribe = await pglite.listen(channel, handler);
      return async () => unsubscribe();
    },
    async close() {
      try {
        await pglite.close();
      } finally {
        release();
      }
    },
  };
}

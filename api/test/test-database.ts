import { inject } from 'vitest';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { openPglite } from '../src/db/pglite.ts';
import { openPostgres } from '../src/db/postgres.ts';
import type { Database } from '../src/db/types.ts';
import { withDatabase } from './global-setup.ts';

export interface TestDatabase {
  db: Database;
  /** For the PostgreSQL server: this database's URL (to open more connections or processes). */
  url: string | null;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a clone of the run's template (PGlite: its data
 * folder dump; PostgreSQL: `CREATE DATABASE … TEMPLATE`). Never the shared `test` database itself.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const config = inject('testDb');
  if (config.kind === 'pglite') {
    const tar = readFileSync(config.templatePath);
    const db = await openPglite({ loadDataDir: new Blob([tar]) });
    return { db, url: null, close: () => db.close() };
  }
  const name = `lantern_${config.runId}_${randomBytes(4).toString('hex')}`;
  const admin = openPostgres({ url: config.url, max: 1 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${config.template}`);
        break;
      } catch (error) {
        // Another file is copying the template at this instant ("being accessed by other users").
        if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      }
    }
  } finally {
    await admin.close();
  }
  const url = withDatabase(config.url, name);
  const db = openPostgres({ url });
  return {
    db,
    url,
    async close() {
      await db.close();
      const dropper = openPostgres({ url: config.url, max: 1 });
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.close();
    },
  };
}

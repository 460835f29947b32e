import type { TestProject } from 'vitest/node';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { openPglite } from '../src/db/pglite.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { migrate } from '../src/db/migrate.ts';

const tmpDir = fileURLToPath(new URL('../../.tmp/', import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    testDb:
      { kind: 'pglite'; templatePath: string } | { kind: 'postgres'; url: string; runId: string; template: string };
  }
}

/** Builds one migrated database per test run; every test file clones it (see test-database.ts). */
export default async function setup(project: TestProject) {
  // The API serves the admin SPA's build at /admin/ (and the admin journeys drive it): build it once.
  const { ensureAdminBuilt } = (await import(
    new URL('../../admin/scripts/ensure-built.mjs', import.meta.url).href
  )) as {
    ensureAdminBuilt(options: { quiet: boolean }): boolean;
  };
  ensureAdminBuilt({ quiet: true });
  // The project's `env` reaches the test workers, not this setup: read it from the project's config.
  const kind = (project.config.env?.TEST_DB ?? process.env.TEST_DB) === 'postgres' ? 'postgres' : 'pglite';
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  if (kind === 'pglite') {
    const db = await openPglite();
    await migrate(db);
    const dump = await db.pglite.dumpDataDir('none');
    await db.close();
    mkdirSync(tmpDir, { recursive: true });
    const templatePath = `${tmpDir}pglite-template-${runId}.tar`;
    writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
    project.provide('testDb', { kind, templatePath });
    return () => rmSync(templatePath, { force: true });
  }

  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('TEST_DB=postgres needs DATABASE_URL');
  // The shared server: every database this run makes is named lantern_<runId>_*, and dropped at the end.
  const admin = openPostgres({ url, max: 1 });
  const template = `lantern_${runId}_tpl`;
  await admin.query(`create database ${template}`);
  const templateDb = openPostgres({ url: withDatabase(url, template), max: 1 });
  try {
    await migrate(templateDb);
  } finally {
    await templateDb.close();
  }
  await admin.close();
  project.provide('testDb', { kind, url, runId, template });
  return async () => {
    const cleanup = openPostgres({ url, max: 1 });
    const dbs = await cleanup.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [
      `lantern\\_${runId}\\_%`,
    ]);
    for (const { datname } of dbs) {
      await cleanup.query(`drop database if exists "${datname}" with (force)`);
    }
    await cleanup.close();
  };
}

/** The same server URL, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, shimPath } from '../../api/src/db/migrate.ts';
import { buildSchemaSql, schemaSqlPath } from '../../api/src/db/schema-sql.ts';
import type { Database } from '../../api/src/db/types.ts';
import { createEmptyDatabase, type EmptyDatabase } from './support/supabase-like-database.ts';
import { catalogSnapshot } from './support/catalog-snapshot.ts';

/**
 * Sends a whole script as one simple query, as Supabase's SQL editor and `psql -f` do: schema.sql
 * has its own `begin`/`commit`, so it cannot run inside one of our transactions.
 */
async function runScript(db: Database, sql: string): Promise<void> {
  if ('pglite' in db) await (db as { pglite: { exec(sql: string): Promise<unknown> } }).pglite.exec(sql);
  else await (db as unknown as { pool: { query(sql: string): Promise<unknown> } }).pool.query(sql);
}

describe('database/schema.sql (for Supabase’s SQL editor)', () => {
  it('is what `npm run db:schema` writes from the migrations now', async () => {
    const committed = await readFile(schemaSqlPath, 'utf8');
    expect(committed === (await buildSchemaSql()), 'database/schema.sql is stale: run `npm run db:schema`').toBe(true);
  });

  describe('a database built from it equals one built by the migrations', () => {
    let fromScript: EmptyDatabase;
    let fromMigrations: EmptyDatabase;
    beforeAll(async () => {
      [fromScript, fromMigrations] = await Promise.all([createEmptyDatabase(), createEmptyDatabase()]);
      // Supabase has the auth schema and the API roles; elsewhere the shim stands in for them, as
      // the migrator itself applies it when `auth` is missing.
      const shim = await readFile(shimPath, 'utf8');
      await fromScript.db.transaction((tx) => tx.exec(shim));
      await runScript(fromScript.db, await readFile(schemaSqlPath, 'utf8'));
      await migrate(fromMigrations.db);
    });
    afterAll(async () => {
      await fromScript?.close();
      await fromMigrations?.close();
    });

    it('has the same schemas, tables, columns, constraints, indexes, policies, functions, triggers and grants', async () => {
      const script = await catalogSnapshot(fromScript.db);
      const migrations = await catalogSnapshot(fromMigrations.db);
      // Not vacuous: the snapshot sees the product's tables, policies and functions.
      expect(migrations['policies']!.length).toBeGreaterThan(20);
      expect(migrations['functions']!.length).toBeGreaterThan(20);
      expect(migrations['schema_migrations']!.length).toBeGreaterThan(10);
      for (const part of Object.keys(migrations)) expect(script[part], part).toEqual(migrations[part]);
    });

    it('is taken as fully migrated by the API’s migrator (nothing to apply, function files current)', async () => {
      const result = await migrate(fromScript.db);
      expect(result.applied).toEqual([]);
      expect(result.version).toBe((await migrate(fromMigrations.db)).version);
    });
  });
});

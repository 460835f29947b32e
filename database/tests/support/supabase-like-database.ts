import { inject } from 'vitest';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { openPglite } from '../../../api/src/db/pglite.ts';
import { openPostgres } from '../../../api/src/db/postgres.ts';
import { shimPath } from '../../../api/src/db/migrate.ts';
import type { Database } from '../../../api/src/db/types.ts';
import { withDatabase } from '../../../api/test/global-setup.ts';

/** The non-superuser role migrations run as here, standing in for Supabase's `postgres`. */
export const migratorRole = 'lantern_migrator';

export interface EmptyDatabase {
  db: Database;
  close(): Promise<void>;
}

/**
 * A fresh, empty database (never `test` itself): on PostgreSQL `lantern_<run>_<random>_mig`, which
 * the run's teardown would drop too; on PGlite a new in-memory instance.
 */
export async function createEmptyDatabase(): Promise<EmptyDatabase> {
  const config = inject('testDb');
  if (config.kind === 'pglite') {
    const db = await openPglite();
    return { db, close: () => db.close() };
  }
  const name = `lantern_${config.runId}_${randomBytes(4).toString('hex')}_mig`;
  const admin = openPostgres({ url: config.url, max: 1 });
  await admin.query(`create database ${name}`);
  await admin.close();
  const db = openPostgres({ url: withDatabase(config.url, name), max: 2 });
  return {
    db,
    async close() {
      await db.close();
      const dropper = openPostgres({ url: config.url, max: 1 });
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.close();
    },
  };
}

/** Runs `fn` again when a concurrent catalog change (another run granting the same) gets in the way. */
async function retryingConcurrentUpdates(fn: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fn();
      return;
    } catch (error) {
      const message = (error as Error).message;
      if (attempt > 10 || !/concurrently|duplicate key/.test(message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
    }
  }
}

/**
 * As the superuser: applies the shim, creates the migrator role if absent (cluster roles are shared:
 * tolerate a concurrent creator, never alter or drop one), and gives it what Supabase gives its
 * `postgres` role (supabase/supabase docker/volumes/db/init): the public schema, CREATE on the
 * database, all rights on auth's tables, membership of the API roles, and default grants to them.
 */
export async function prepareSupabaseLikeGrants(db: Database): Promise<void> {
  await db.transaction(async (tx) => tx.exec(await readFile(shimPath, 'utf8')));
  await db.query(`
    do $$ begin
      if not exists (select 1 from pg_roles where rolname = '${migratorRole}') then
        begin
          create role ${migratorRole} nologin nosuperuser nobypassrls;
        exception when duplicate_object or unique_violation then null;
        end;
      end if;
    end $$`);
  await retryingConcurrentUpdates(() =>
    db.query(`
      do $$ begin
        if not (pg_has_role('${migratorRole}', 'anon', 'member') and pg_has_role('${migratorRole}', 'authenticated', 'member')
                and pg_has_role('${migratorRole}', 'service_role', 'member')) then
          grant anon, authenticated, service_role to ${migratorRole};
        end if;
      end $$`),
  );
  await db.transaction((tx) =>
    tx.exec(`
      alter schema public owner to ${migratorRole};
      do $$ begin execute format('grant create on database %I to ${migratorRole}', current_database()); end $$;
      grant usage on schema auth to ${migratorRole};
      grant all on all tables in schema auth to ${migratorRole};
      alter default privileges for role ${migratorRole} in schema public grant all on tables to anon, authenticated, service_role;
      alter default privileges for role ${migratorRole} in schema public grant all on sequences to anon, authenticated, service_role;
      alter default privileges for role ${migratorRole} in schema public grant all on functions to anon, authenticated, service_role;
    `),
  );
}

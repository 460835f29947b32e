import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database, Queryable } from './types.ts';
import { expandIncludes, functionsDir, sha256 } from './function-files.ts';

const databaseDir = fileURLToPath(new URL('../../../database/', import.meta.url));
export const migrationsDir = `${databaseDir}migrations/`;
export const shimPath = `${databaseDir}shim/supabase.sql`;

export interface MigrationResult {
  applied: string[];
  version: string | null;
}

/**
 * The bookkeeping table, made (or brought up to date) before any migration runs; schema.sql
 * (schema-sql.ts) starts with the same statements.
 */
export const schemaMigrationsTable: readonly string[] = [
  `create table if not exists public.schema_migrations (
  version text primary key,
  applied_at timestamptz not null default now()
)`,
  // Function file name → SHA-256 of the text the migration applied: see checkFunctionFiles.
  'alter table public.schema_migrations add column if not exists function_files jsonb',
  // Bookkeeping only: RLS on with no policy, so the API roles see nothing.
  'alter table public.schema_migrations enable row level security',
  'revoke all on public.schema_migrations from anon, authenticated',
];

/** Migration files in order: `NNNN_<area>.sql`. */
export async function listMigrations(): Promise<string[]> {
  return (await readdir(migrationsDir)).filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name)).sort();
}

/** Options of migrate(). */
export interface MigrateOptions {
  log?: (message: string) => void;
  /**
   * Run the migrations as this role (`set local role`), as on Supabase where they run as the
   * non-superuser `postgres`; the shim, where needed, still runs as the connecting role.
   */
  role?: string;
}

/**
 * Applies the Supabase shim where the `auth` schema is missing, then every migration not yet in
 * `schema_migrations`, one transaction each, its `\ir` lines replaced by the function files they
 * name (function-files.ts). An advisory lock makes concurrent runners take turns, and re-running is
 * a no-op. Last, it refuses a database whose functions are older than their files (see
 * checkFunctionFiles).
 */
export async function migrate(db: Database, { log = () => {}, role }: MigrateOptions = {}): Promise<MigrationResult> {
  const asRole = async (tx: Queryable) => {
    if (role) await tx.query(`select set_config('role', $1, true)`, [role]);
  };
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(7263541)');
    const [row] = await tx.query<{ present: boolean }>(
      `select exists (select 1 from pg_namespace where nspname = 'auth') as present`,
    );
    if (!row?.present) {
      await tx.exec(await readFile(shimPath, 'utf8'));
      log('applied the Supabase shim');
    }
    await asRole(tx);
    for (const statement of schemaMigrationsTable) await tx.query(statement);
  });
  for (const name of await listMigrations()) {
    const version = name.replace(/\.sql$/, '');
    const { sql, functionFiles } = await expandIncludes(
      `${migrationsDir}${name}`,
      await readFile(`${migrationsDir}${name}`, 'utf8'),
    );
    const ran = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock(7263541)');
      const done = await tx.query('select 1 from public.schema_migrations where version = $1', [version]);
      if (done.length > 0) return false;
      await asRole(tx);
      await tx.exec(sql);
      await tx.query('insert into public.schema_migrations (version, function_files) values ($1, $2::jsonb)', [
        version,
        Object.keys(functionFiles).length > 0 ? JSON.stringify(functionFiles) : null,
      ]);
      return true;
    });
    if (ran) {
      applied.push(version);
      log(`applied migration ${version}`);
    }
  }
  await checkFunctionFiles(db);
  return { applied, version: await schemaVersion(db) };
}

/**
 * Throws when a function file differs from the text the newest migration including it applied: the
 * file was edited without a new migration that includes it again, so this database (migrated before
 * the edit) still runs the old body while a fresh one would run the new. Fresh databases, the tests'
 * included, always pass; this is the check that catches it on the databases that already exist.
 */
export async function checkFunctionFiles(db: Pick<Queryable, 'query'>): Promise<void> {
  const rows = await db.query<{ file: string; sha256: string; version: string }>(
    `select distinct on (f.key) f.key as file, f.value as sha256, m.version
     from public.schema_migrations m cross join lateral jsonb_each_text(m.function_files) f
     order by f.key, m.version desc`,
  );
  const stale: string[] = [];
  for (const row of rows) {
    const text = await readFile(`${functionsDir}${row.file}`, 'utf8').catch(() => null);
    if (text === null || sha256(text) !== row.sha256) stale.push(`${row.file} (last applied by ${row.version})`);
  }
  if (stale.length > 0) {
    throw new Error(
      `function files changed after their last migration ran: ${stale.join(', ')}. ` +
        'Add a migration that includes them again (database/functions/README.md).',
    );
  }
}

/** The newest applied migration, or null on an empty database. */
export async function schemaVersion(db: Database): Promise<string | null> {
  const rows = await db.query<{ version: string }>(
    `select version from public.schema_migrations order by version desc limit 1`,
  );
  return rows[0]?.version ?? null;
}

import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database, Queryable } from './types.ts';

const databaseDir = fileURLToPath(new URL('../../../database/', import.meta.url));
export const migrationsDir = `${databaseDir}migrations/`;
export const shimPath = `${databaseDir}shim/supabase.sql`;

export interface MigrationResult {
  applied: string[];
  version: string | null;
}

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
 * `schema_migrations`, one transaction each. An advisory lock makes concurrent runners take turns,
 * and re-running is a no-op.
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
    await tx.query(`create table if not exists public.schema_migrations (
      version text primary key,
      applied_at timestamptz not null default now()
    )`);
    // Bookkeeping only: RLS on with no policy, so the API roles see nothing.
    await tx.query('alter table public.schema_migrations enable row level security');
    await tx.query('revoke all on public.schema_migrations from anon, authenticated');
  });
  for (const name of await listMigrations()) {
    const version = name.replace(/\.sql$/, '');
    const sql = await readFile(`${migrationsDir}${name}`, 'utf8');
    const ran = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock(7263541)');
      const done = await tx.query('select 1 from public.schema_migrations where version = $1', [version]);
      if (done.length > 0) return false;
      await asRole(tx);
      await tx.exec(sql);
      await tx.query('insert into public.schema_migrations (version) values ($1)', [version]);
      return true;
    });
    if (ran) {
      applied.push(version);
      log(`applied migration ${version}`);
    }
  }
  return { applied, version: await schemaVersion(db) };
}

/** The newest applied migration, or null on an empty database. */
export async function schemaVersion(db: Database): Promise<string | null> {
  const rows = await db.query<{ version: string }>(
    `select version from public.schema_migrations order by version desc limit 1`,
  );
  return rows[0]?.version ?? null;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '../../api/src/db/migrate.ts';
import { withUser } from '../../api/src/db/doors.ts';
import { createTenantWorld } from '../../api/test/fixtures.ts';
import {
  createEmptyDatabase,
  migratorRole,
  prepareSupabaseLikeGrants,
  type EmptyDatabase,
} from './support/supabase-like-database.ts';
import { catalogLints } from './support/catalog-lints.ts';

// On Supabase the migrations run as `postgres`, which is not a superuser: they must need nothing more
// than the rights Supabase gives it. Here they run as a NOLOGIN role with exactly those rights.
describe('migrations as a non-superuser with Supabase’s grants', () => {
  let empty: EmptyDatabase;
  let versions: string[];
  beforeAll(async () => {
    empty = await createEmptyDatabase();
    await prepareSupabaseLikeGrants(empty.db);
    versions = (await listMigrations()).map((name) => name.replace(/\.sql$/, ''));
  });
  afterAll(() => empty?.close());

  it('the role is neither superuser nor BYPASSRLS', async () => {
    const rows = await empty.db.query(`select rolsuper, rolbypassrls from pg_roles where rolname = $1`, [migratorRole]);
    expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false }]);
  });

  it('applies every migration, and again as a no-op', async () => {
    const first = await migrate(empty.db, { role: migratorRole });
    expect(first.applied).toEqual(versions);
    expect((await migrate(empty.db, { role: migratorRole })).applied).toEqual([]);
  });

  it('left every object of schema public owned by the role', async () => {
    const foreign = await empty.db.query(
      `select c.relname from pg_class c
       where c.relnamespace = 'public'::regnamespace and c.relowner <> $1::regrole
       union all
       select p.proname from pg_proc p
       where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace) and p.proowner <> $1::regrole`,
      [migratorRole],
    );
    expect(foreign).toEqual([]);
  });

  it('passes the catalog lints there too', async () => {
    const findings: string[] = [];
    for (const sql of Object.values(catalogLints)) {
      findings.push(...(await empty.db.query<{ finding: string }>(sql)).map((r) => r.finding));
    }
    expect(findings).toEqual([]);
  });

  it('gives a working tenancy wall (the helpers run with the role’s rights)', async () => {
    const { orgA, users } = await createTenantWorld(empty.db);
    const visible = await withUser(empty.db, { userId: users.memberA.id }, (tx) =>
      tx.query<{ id: string }>('select id from public.organizations'),
    );
    expect(visible).toEqual([{ id: orgA.id }]);
  });
});

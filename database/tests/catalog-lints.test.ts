import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../api/test/test-database.ts';
import { asAnon, withApiKey, withUser } from '../../api/src/db/doors.ts';
import type { Queryable } from '../../api/src/db/types.ts';
import { createApiKey, createTenantWorld } from '../../api/test/fixtures.ts';
import { catalogLints } from './support/catalog-lints.ts';
import { rolledBack } from './support/rolled-back.ts';

// The schema as migrated, checked the way Supabase's linter would, but failing on any finding.
describe('catalog lints', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.close());

  it.each(Object.entries(catalogLints))('%s finds nothing', async (_name, sql) => {
    const rows = await t.db.query<{ finding: string }>(sql);
    expect(rows.map((r) => r.finding)).toEqual([]);
  });

  it('finds a planted problem of every kind (the lints can fail)', async () => {
    const found = await rolledBack(t.db.transaction, async (tx) => {
      await tx.exec(`
        create table public.lint_bait (id uuid primary key, org_id uuid references public.organizations (id));
        grant all on public.lint_bait to authenticated;
        create view public.lint_bait_view as select 1 as one;
        create materialized view public.lint_bait_matview as select 1 as one;
        grant select on public.lint_bait_matview to authenticated;
        create function public.lint_bait_definer() returns int language sql security definer as 'select 1';
        create table public.lint_bait_rls (id uuid primary key, owner uuid);
        alter table public.lint_bait_rls enable row level security;
        create policy "bait select" on public.lint_bait_rls for select to authenticated using (owner = auth.uid());
        create policy "bait select twice" on public.lint_bait_rls for select to authenticated using (true);
        create policy "bait delete" on public.lint_bait_rls for delete using ((select auth.uid()) = owner);
        create policy "bait update" on public.lint_bait_rls for update to authenticated
          using ((select auth.uid()) = owner);
      `);
      const findings: Record<string, string[]> = {};
      for (const [name, sql] of Object.entries(catalogLints)) {
        findings[name] = (await tx.query<{ finding: string }>(sql)).map((r) => r.finding);
      }
      return findings;
    });
    const lintsThatFound = Object.keys(found).filter((name) => found[name]!.length > 0);
    // request_role_bypasses_rls is exercised against the real roles only: planting it would mean
    // altering a cluster-wide role.
    expect(lintsThatFound.sort()).toEqual(
      Object.keys(catalogLints)
        .filter((name) => name !== 'request_role_bypasses_rls')
        .sort(),
    );
  });

  it('runs every door as a role that is neither superuser nor BYPASSRLS', async () => {
    const { orgA, users } = await createTenantWorld(t.db);
    const key = await createApiKey(t.db, orgA.id, ['read']);
    const whoAmI = (tx: Queryable) =>
      tx.query<{ current_user: string; rolsuper: boolean; rolbypassrls: boolean }>(
        `select current_user, r.rolsuper, r.rolbypassrls from pg_roles r where r.rolname = current_user`,
      );
    const seen = [
      ...(await withUser(t.db, { userId: users.adminA.id }, whoAmI)),
      ...(await withApiKey(t.db, { keyId: key.id, orgId: orgA.id, scopes: ['read'] }, whoAmI)),
      ...(await asAnon(t.db, whoAmI)),
    ];
    expect(seen).toEqual([
      { current_user: 'authenticated', rolsuper: false, rolbypassrls: false },
      { current_user: 'authenticated', rolsuper: false, rolbypassrls: false },
      { current_user: 'anon', rolsuper: false, rolbypassrls: false },
    ]);
  });
});

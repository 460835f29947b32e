/**
 * Catalog checks in the style of Supabase's linter (supabase/splinter, `lints/`), made strict: each
 * query returns one `finding` row per problem, so a clean schema returns no rows at all.
 */

/**
 * The only `security definer` functions `anon` may execute: the anonymous door, each reviewed to
 * return nothing but the public data of one org named by its slug. Add to it only after such a review.
 */
export const anonDefinerAllowList = [
  'public.get_public_status',
  'public.resolve_org_slug',
  'public.get_public_logo',
  'public.resolve_public_stream',
  'public.get_public_stream_replay',
  // 0090 (the static site): public services only, incidents/maintenances touching at least one of
  // them with private services stripped (reviewed). The status changes are not capped in time: on a
  // Supabase deployment anon can read a public service's whole history through them (public data).
  'public.get_public_history',
  'public.get_public_status_changes',
];

const publicTables = `c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')`;
const requestRoles = `(values ('anon'), ('authenticated')) as rr(role)`;
const userSchemas = `n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'`;
// Policy expressions as pg_policies prints them, lower-cased and without blanks or parentheses.
const normalized = (column: string) => `regexp_replace(lower(coalesce(${column}, '')), '[\\s()]', '', 'g')`;
const authCall = `auth\\.(uid|jwt|role|email)\\(\\)`;

/** Lint name → SQL returning `finding` rows. */
export const catalogLints: Record<string, string> = {
  rls_disabled: `
    select format('table %I has row level security disabled', c.relname) as finding
    from pg_class c where ${publicTables} and not c.relrowsecurity`,

  // An operation a table does not allow simply has no policy; a table with none at all is only
  // acceptable when no request role holds any right on it (e.g. schema_migrations, bookkeeping).
  rls_enabled_no_policy: `
    select format('table %I has no policy but %s may use it', c.relname, rr.role) as finding
    from pg_class c cross join ${requestRoles}
    where ${publicTables}
      and not exists (select 1 from pg_policy p where p.polrelid = c.oid)
      and has_table_privilege(rr.role, c.oid, 'SELECT, INSERT, UPDATE, DELETE')`,

  // TRUNCATE is not subject to row level security: one grant lets a request wipe every tenant.
  request_role_rls_free_privilege: `
    select format('%s holds %s on %I', rr.role, priv.name, c.relname) as finding
    from pg_class c cross join ${requestRoles}
      cross join (values ('TRUNCATE'), ('TRIGGER'), ('REFERENCES')) as priv(name)
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm')
      and has_table_privilege(rr.role, c.oid, priv.name)`,

  security_definer_view: `
    select format('view %I runs with its owner''s rights (no security_invoker)', c.relname) as finding
    from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind = 'v'
      and not exists (select 1 from unnest(c.reloptions) o
                      where lower(o) in ('security_invoker=true', 'security_invoker=on', 'security_invoker=1'))`,

  // Materialized views have no RLS at all.
  materialized_view_in_api: `
    select format('materialized view %I is readable by %s', c.relname, rr.role) as finding
    from pg_class c cross join ${requestRoles}
    where c.relnamespace = 'public'::regnamespace and c.relkind = 'm'
      and has_table_privilege(rr.role, c.oid, 'SELECT')`,

  security_definer_search_path: `
    select format('security definer function %I.%I has no fixed empty search_path', n.nspname, p.proname) as finding
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where p.prosecdef and ${userSchemas}
      and not coalesce('search_path=""' = any (p.proconfig), false)`,

  anon_security_definer_function_executable: `
    select format('anon may execute security definer function %I.%I', n.nspname, p.proname) as finding
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where p.prosecdef and ${userSchemas}
      and has_function_privilege('anon', p.oid, 'EXECUTE')
      and format('%s.%s', n.nspname, p.proname) <> all (array[${anonDefinerAllowList.map((f) => `'${f}'`).join(', ')}])`,

  update_policy_without_with_check: `
    select format('%I: update policy "%s" has no WITH CHECK', c.relname, p.polname) as finding
    from pg_policy p join pg_class c on c.oid = p.polrelid
    where c.relnamespace = 'public'::regnamespace and p.polcmd in ('w', '*') and p.polwithcheck is null`,

  // A missing USING (select/update/delete) or WITH CHECK (insert) means "true" as well.
  rls_policy_always_true: `
    select format('%I: policy "%s" is always true', p.tablename, p.policyname) as finding
    from pg_policies p
    where p.schemaname = 'public' and p.permissive = 'PERMISSIVE'
      and (${normalized('p.qual')} in ('true', '1=1')
        or ${normalized('p.with_check')} in ('true', '1=1')
        or (p.cmd in ('SELECT', 'UPDATE', 'DELETE', 'ALL') and p.qual is null)
        or (p.cmd = 'INSERT' and p.with_check is null))`,

  policy_for_every_role: `
    select format('%I: policy "%s" applies to every role (no TO clause)', c.relname, p.polname) as finding
    from pg_policy p join pg_class c on c.oid = p.polrelid
    where c.relnamespace = 'public'::regnamespace and 0::oid = any (p.polroles)`,

  multiple_permissive_policies: `
    select format('%I: %s permissive policies for %s to %s', c.relname, count(*), p.polcmd, r.role::regrole) as finding
    from pg_policy p join pg_class c on c.oid = p.polrelid cross join unnest(p.polroles) as r(role)
    where c.relnamespace = 'public'::regnamespace and p.polpermissive
    group by c.relname, p.polcmd, r.role having count(*) > 1`,

  // Every auth.<fn>() must sit in its own (select ...), so the planner evaluates it once per query.
  auth_rls_initplan: `
    select format('%I: policy "%s" calls auth.<function>() without (select ...)', p.tablename, p.policyname) as finding
    from pg_policies p
    where p.schemaname = 'public'
      and (regexp_replace(coalesce(p.qual, ''), 'select\\s+${authCall}', '', 'gi') ~* '${authCall}'
        or regexp_replace(coalesce(p.with_check, ''), 'select\\s+${authCall}', '', 'gi') ~* '${authCall}')`,

  // Splinter wants an exactly matching index; any index whose leading columns are the key's will do.
  unindexed_foreign_keys: `
    select format('%I: foreign key %I (%s) has no index leading with its columns', c.relname, k.conname,
      (select string_agg(a.attname, ', ') from unnest(k.conkey) as x(attnum)
       join pg_attribute a on a.attrelid = k.conrelid and a.attnum = x.attnum)) as finding
    from pg_constraint k join pg_class c on c.oid = k.conrelid
    where k.contype = 'f' and c.relnamespace = 'public'::regnamespace
      and not exists (
        select 1 from pg_index i
        cross join lateral (select (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(k.conkey)] as lead) l
        where i.indrelid = k.conrelid and i.indisvalid and i.indpred is null
          and l.lead @> k.conkey and l.lead <@ k.conkey)`,

  // Also any role they can become: membership would hand its rights over with one SET ROLE.
  request_role_bypasses_rls: `
    select format('%s is, or can become, %s, which is superuser or BYPASSRLS', m.rolname, r.rolname) as finding
    from pg_roles m join pg_roles r on pg_has_role(m.oid, r.oid, 'MEMBER')
    where m.rolname in ('anon', 'authenticated') and (r.rolsuper or r.rolbypassrls)`,
};

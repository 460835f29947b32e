import type { Queryable } from '../../../api/src/db/types.ts';

// Every schema but PostgreSQL's own (public, private, auth from the shim, extension schemas).
const userSchema = (column: string) =>
  `${column} not in ('pg_catalog', 'information_schema', 'pg_toast') and ${column} not like 'pg\\_temp\\_%' and ${column} not like 'pg\\_toast\\_temp\\_%'`;

/**
 * What a schema is made of, as catalog rows that name objects (never by oid), so two databases built
 * different ways can be compared with one `toEqual`. Each query is ordered.
 */
export const catalogQueries: Record<string, string> = {
  schemas: `
    select n.nspname as schema, n.nspowner::regrole::text as owner, n.nspacl::text as acl
    from pg_namespace n where ${userSchema('n.nspname')} order by 1`,

  relations: `
    select n.nspname as schema, c.relname as name, c.relkind::text as kind, c.relowner::regrole::text as owner,
           c.relacl::text as acl, c.relrowsecurity as rls, c.relforcerowsecurity as force_rls,
           c.reloptions::text as options, obj_description(c.oid, 'pg_class') as comment
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where ${userSchema('n.nspname')} and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
    order by 1, 2`,

  columns: `
    select n.nspname as schema, c.relname as "table", a.attnum as position, a.attname as name,
           format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null,
           pg_get_expr(d.adbin, d.adrelid) as "default", a.attidentity::text as identity,
           a.attgenerated::text as generated, a.attacl::text as acl, col_description(c.oid, a.attnum) as comment
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where ${userSchema('n.nspname')} and c.relkind in ('r', 'p', 'v', 'm', 'f') and a.attnum > 0 and not a.attisdropped
    order by 1, 2, 3`,

  constraints: `
    select n.nspname as schema, c.relname as "table", k.conname as name, pg_get_constraintdef(k.oid) as definition
    from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
    where ${userSchema('n.nspname')} order by 1, 2, 3`,

  indexes: `
    select schemaname as schema, tablename as "table", indexname as name, indexdef as definition
    from pg_indexes where ${userSchema('schemaname')} order by 1, 2, 3`,

  views: `
    select n.nspname as schema, c.relname as name, pg_get_viewdef(c.oid) as definition
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where ${userSchema('n.nspname')} and c.relkind in ('v', 'm') order by 1, 2`,

  policies: `
    select schemaname as schema, tablename as "table", policyname as name, permissive, roles::text as roles,
           cmd, qual, with_check
    from pg_policies where ${userSchema('schemaname')} order by 1, 2, 3`,

  functions: `
    select n.nspname as schema, format('%s(%s)', p.proname, pg_get_function_identity_arguments(p.oid)) as signature,
           pg_get_functiondef(p.oid) as definition, p.proowner::regrole::text as owner, p.proacl::text as acl,
           obj_description(p.oid, 'pg_proc') as comment
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where ${userSchema('n.nspname')} and p.prokind in ('f', 'p', 'w')
      and not exists (select 1 from pg_depend d
                      where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
    order by 1, 2`,

  triggers: `
    select n.nspname as schema, c.relname as "table", t.tgname as name, pg_get_triggerdef(t.oid) as definition,
           t.tgenabled::text as enabled
    from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
    where ${userSchema('n.nspname')} and not t.tgisinternal order by 1, 2, 3`,

  types: `
    select n.nspname as schema, t.typname as name, t.typtype::text as kind,
           (select array_agg(e.enumlabel::text order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid)::text as labels,
           t.typacl::text as acl
    from pg_type t join pg_namespace n on n.oid = t.typnamespace
    where ${userSchema('n.nspname')} and t.typtype in ('e', 'd', 'c')
      and not exists (select 1 from pg_class c where c.oid = t.typrelid and c.relkind <> 'c')
    order by 1, 2`,

  default_privileges: `
    select d.defaclrole::regrole::text as role, coalesce(n.nspname, '') as schema, d.defaclobjtype::text as kind,
           d.defaclacl::text as acl
    from pg_default_acl d left join pg_namespace n on n.oid = d.defaclnamespace order by 1, 2, 3`,

  extensions: `select extname as name, extversion as version from pg_extension order by 1`,

  // What the API's migrator reads at start: which migrations ran, and the function texts they applied.
  schema_migrations: `select version, function_files from public.schema_migrations order by 1`,
};

/** Every catalog query's rows, by query name. */
export async function catalogSnapshot(db: Pick<Queryable, 'query'>): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(catalogQueries)) snapshot[name] = await db.query(sql);
  return snapshot;
}

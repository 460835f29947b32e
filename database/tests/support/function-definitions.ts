import type { Queryable } from '../../../api/src/db/types.ts';

/** What a function file decides about one function, as the catalog reports it. */
export interface FunctionDefinition {
  /** `schema.name(argument types)`. */
  signature: string;
  /** pg_get_functiondef: header (volatility, security, search_path, defaults) and body, verbatim. */
  definition: string;
  owner: string;
  acl: string | null;
  comment: string | null;
}

/** The user-written functions of schemas public and private (extension members left out). */
export async function functionDefinitions(db: Pick<Queryable, 'query'>): Promise<FunctionDefinition[]> {
  return db.query<FunctionDefinition>(
    `select format('%s.%s(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) as signature,
            pg_get_functiondef(p.oid) as definition, p.proowner::regrole::text as owner, p.proacl::text as acl,
            obj_description(p.oid, 'pg_proc') as comment
     from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname in ('public', 'private') and p.prokind in ('f', 'p')
       and not exists (select 1 from pg_depend d
                       where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
     order by 1`,
  );
}

/** `schema.name` of a signature, which is also its file's name without `.sql`. */
export const qualifiedName = (signature: string) => signature.slice(0, signature.indexOf('('));

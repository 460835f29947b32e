import type { Database } from '../../../api/src/db/types.ts';
import { asSystem } from '../../../api/src/db/doors.ts';
import type { Operation } from './access-rules.ts';
import type { RowFactory, Sql } from './row-factories.ts';
import type { Identity, OrgWorld } from './tenant-matrix-world.ts';
import { rolledBack } from './rolled-back.ts';

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The primary key columns of every table in schema public, in key order. */
export async function primaryKeys(db: Database): Promise<Record<string, string[]>> {
  const rows = await db.query<{ table: string; columns: string[] }>(
    `select c.relname as table, array_agg(a.attname::text order by k.ord) as columns
     from pg_index i
     join pg_class c on c.oid = i.indrelid
     cross join unnest(i.indkey::int2[]) with ordinality as k(attnum, ord)
     join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
     where i.indisprimary and c.relnamespace = 'public'::regnamespace
     group by c.relname`,
  );
  return Object.fromEntries(rows.map((r) => [r.table, r.columns]));
}

/** The key of an existing row of `org` in `table`, made by the system unless the factory has one. */
export async function existingRow(db: Database, table: string, factory: RowFactory, org: OrgWorld, pk: string[]) {
  if (factory.existing) return factory.existing(db, org);
  const insert = factory.insert(org, org.writerCaller);
  const [row] = await asSystem(db, 'test', (tx) =>
    tx.query<Record<string, unknown>>(`${insert.sql} returning ${pk.map(ident).join(', ')}`, insert.params),
  );
  if (!row) throw new Error(`could not make a row of ${table}`);
  return row;
}

/** The statement `op` aims at one row (select/update/delete by key) or makes one (insert). */
function statement(op: Operation, table: string, pk: string[], key: Record<string, unknown>, insert: Sql): Sql {
  const where = pk.map((column, i) => `${ident(column)} = $${i + 1}`).join(' and ');
  const params = pk.map((column) => key[column]);
  const target = `public.${ident(table)}`;
  switch (op) {
    case 'select':
      return { sql: `select count(*)::int as n from ${target} where ${where}`, params };
    case 'update': // a no-op update: only the policies (and guards on real changes) can refuse it
      return {
        sql: `with x as (update ${target} set ${ident(pk[0]!)} = ${ident(pk[0]!)} where ${where} returning 1)
              select count(*)::int as n from x`,
        params,
      };
    case 'delete':
      return {
        sql: `with x as (delete from ${target} where ${where} returning 1) select count(*)::int as n from x`,
        params,
      };
    case 'insert': // policies are checked before conflicts, so an existing key does not hide a refusal
      return { sql: `${insert.sql} on conflict do nothing`, params: insert.params };
  }
}

/**
 * Tries `op` as `who` in a transaction that is rolled back, and says whether it went through: the
 * row was seen/changed (select, update, delete) or the insert raised no privilege error. Any other
 * error is a broken factory and is thrown.
 */
export async function attempt(
  who: Identity,
  op: Operation,
  table: string,
  pk: string[],
  key: Record<string, unknown>,
  insert: Sql,
): Promise<boolean> {
  const { sql, params } = statement(op, table, pk, key, insert);
  return rolledBack(who.run, async (tx) => {
    try {
      const rows = await tx.query<{ n: number }>(sql, params);
      return op === 'insert' || rows[0]?.n === 1;
    } catch (error) {
      if ((error as { code?: string }).code === '42501') return false;
      throw new Error(`${who.name} ${op} ${table}: ${(error as Error).message}`, { cause: error });
    }
  });
}

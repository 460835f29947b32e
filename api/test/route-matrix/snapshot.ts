import type { Database } from '../../src/db/types.ts';

// Columns that a refused request may legitimately touch: using an API key records when it was used.
const volatileColumns = new Set(['last_used_at']);

/**
 * Everything stored for one org: its row and every row of every public table with an `org_id`
 * column (found from the catalog, so tables added by later migrations are covered too).
 */
export async function snapshotOrg(db: Database, orgId: string): Promise<Record<string, unknown[]>> {
  const tables = await db.query<{ table_name: string }>(
    `select c.table_name from information_schema.columns c
     join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and c.column_name = 'org_id' and t.table_type = 'BASE TABLE'
     order by c.table_name`,
  );
  const snapshot: Record<string, unknown[]> = {};
  const org = await db.query(`select * from public.organizations where id = $1`, [orgId]);
  snapshot.organizations = org;
  for (const { table_name } of tables) {
    const rows = await db.query<Record<string, unknown>>(
      `select to_jsonb(x) as row from public.${quoteIdent(table_name)} x where org_id = $1`,
      [orgId],
    );
    snapshot[table_name] = rows
      .map((r) => stripVolatile(r.row as Record<string, unknown>))
      .map((r) => JSON.stringify(r))
      .sort();
  }
  return snapshot;
}

function stripVolatile(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !volatileColumns.has(k)));
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

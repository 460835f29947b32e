import type { Queryable } from '../../db/types.ts';
import { decodeCursor, encodeCursor, isInt, isText, isUuid } from '../../http/cursor.ts';

/** Tables listed in display order (position, then name, then id). */
type DisplayOrderTable = 'services' | 'service_groups';

/**
 * One page of an org's services or groups in display order, with the cursor of the next page: the
 * one keyset query both lists use (the cursor is the last row's position, name and id).
 */
export async function pageInDisplayOrder<Row extends { position: number; name: string; id: string }>(
  tx: Queryable,
  {
    table,
    columns,
    orgId,
    limit,
    cursor,
  }: { table: DisplayOrderTable; columns: string; orgId: string; limit: number; cursor: string | undefined },
): Promise<{ page: Row[]; nextCursor: string | null }> {
  const after = cursor ? decodeCursor<[number, string, string]>(cursor, [isInt, isText, isUuid]) : null;
  const rows = await tx.query<Row>(
    `select ${columns} from public.${table}
     where org_id = $1 and ($2::int is null or (position, name, id) > ($2, $3::text, $4::uuid))
     order by position, name, id
     limit $5`,
    [orgId, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, limit + 1],
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeCursor([last.position, last.name, last.id]) : null };
}

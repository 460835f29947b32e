import { encodeCursor } from '../../http/cursor.ts';

/** Part check for decodeCursor: a lowercased name or email as the sort key (emails reach 254 chars). */
export const isSortText = (part: unknown) => typeof part === 'string' && part.length <= 320;

/** Splits `limit + 1` fetched rows into the page and the cursor of the next one (null at the end). */
export function page<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => string[],
): { data: T[]; next_cursor: string | null } {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, next_cursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

import { decodeCursor as decodeKey, encodeCursor as encodeKey, isInstant, isUuid } from '../../http/cursor.ts';

/** A list position: the sort time and id of the last row of a page (ties on time broken by id). */
export interface Cursor {
  at: string;
  id: string;
}

export { sortAt } from '../../http/cursor.ts';

/** Opaque to clients (see http/cursor.ts). */
export function encodeCursor(cursor: Cursor): string {
  return encodeKey([cursor.at, cursor.id]);
}

/** Reads a cursor made by encodeCursor; anything else is a 400, never a database error. */
export function decodeCursor(text: string): Cursor {
  const [at, id] = decodeKey<[string, string]>(text, [isInstant, isUuid]);
  return { at, id };
}

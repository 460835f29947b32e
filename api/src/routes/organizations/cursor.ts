import { AppError } from '../../errors.ts';

/** An opaque keyset cursor: the sort key of the last row handed out, base64url JSON. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor with `length` parts; anything else is a 400. */
export function decodeCursor(cursor: string, length: number): string[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === length && key.every((part) => typeof part === 'string')) return key;
  } catch {
    // fall through: the same answer for every malformed cursor
  }
  throw new AppError('validation_failed', 'Invalid cursor', { details: [{ path: ['cursor'], message: 'Invalid cursor', code: 'custom' }] });
}

/** Splits `limit + 1` fetched rows into the page and the cursor of the next one (null at the end). */
export function page<T>(rows: T[], limit: number, keyOf: (row: T) => string[]): { data: T[]; next_cursor: string | null } {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, next_cursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

import { AppError } from '../errors.ts';

/** Opaque to clients: base64url JSON of the sort key of a page's last row. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * Reads a cursor made by encodeCursor whose parts pass `check` (one check per part); anything else is
 * a 400, never a database error.
 */
export function decodeCursor<T extends unknown[]>(
  text: string,
  check: { [K in keyof T]: (part: unknown) => boolean },
): T {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === check.length && check.every((ok, i) => ok(value[i])))
      return value as T;
  } catch {
    // fall through to the one error below
  }
  throw new AppError('validation_failed', 'Invalid cursor', {
    details: [{ path: ['cursor'], message: 'Not a cursor this API made', code: 'custom' }],
  });
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Part checks for decodeCursor. */
export const isUuid = (part: unknown) => typeof part === 'string' && uuidPattern.test(part);
// Exactly what sortAt writes (4-digit years, UTC): Date.parse alone also takes "1" or year 275760,
// which Postgres refuses (22007, 22009) — a 500 instead of this module's promised 400.
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
export const isInstant = (part: unknown) =>
  typeof part === 'string' && instantPattern.test(part) && !Number.isNaN(Date.parse(part));
export const isInt = (part: unknown) => Number.isSafeInteger(part);
export const isText = (part: unknown) => typeof part === 'string' && part.length <= 200;

/** SQL for a timestamptz column as UTC text with microseconds (a JS Date would drop them). */
export function sortAt(column: string): string {
  return `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

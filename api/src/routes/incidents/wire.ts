import { AppError } from '../../errors.ts';

/** A database time (Date from the drivers, or text) as ISO 8601 UTC. */
export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** `iso`, keeping null. */
export function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : iso(value);
}

/** A list position: the sort time and id of the last row of a page (ties on time broken by id). */
export interface Cursor {
  at: string;
  id: string;
}

/** SQL for a timestamptz column as UTC text with microseconds (a cursor's `at`). */
export function sortAt(column: string): string {
  return `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** Opaque to clients: base64url JSON, so its shape can change without a contract change. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads a cursor made by encodeCursor; anything else is a 400, never a database error. */
export function decodeCursor(text: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2) {
      const [at, id] = value as unknown[];
      if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof id === 'string' && uuidPattern.test(id)) {
        return { at, id };
      }
    }
  } catch {
    // fall through to the one error below
  }
  throw new AppError('validation_failed', 'Invalid cursor', {
    details: [{ path: ['cursor'], message: 'Not a cursor this API made', code: 'custom' }],
  });
}

// Errors that say "the database cannot be reached right now", as opposed to "this statement is wrong".
// A request that meets one answers 503 with Retry-After (the client tries again; nothing was
// committed), and the public snapshot cache keeps serving what it has.

/** Socket errors of a connection that could not be made or was cut. */
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is going away or not taking connections: class 08 (connection
 * exception), admin/crash shutdown, "cannot connect now" (starting up) and too many connections.
 */
const serverCodes = new Set(['57P01', '57P02', '57P03', '53300']);

/** What node-postgres throws (without a code) when a connection dies or cannot be made in time. */
const driverMessages = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /not queryable/,
  /^Client was closed and is not queryable/,
  /^Query read timeout/,
];

/** True when `error` means the database is unreachable for now (retrying later may succeed). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (socketCodes.has(code) || serverCodes.has(code) || code.startsWith('08')) return true;
  }
  if (typeof message === 'string' && driverMessages.some((pattern) => pattern.test(message))) return true;
  // AggregateError (a host name resolving to several addresses, each refused) and wrapped causes.
  const nested = (error as { errors?: unknown; cause?: unknown }).errors;
  if (Array.isArray(nested) && nested.length > 0 && nested.every(isDatabaseUnavailable)) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isDatabaseUnavailable(cause);
}

/** Seconds a client should wait before retrying a request the database outage refused. */
export const unavailableRetryAfterS = 5;

import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, errorStatus, type ErrorCode } from '../errors.ts';
import type { ErrorBody } from '../contract/errors.ts';
import type { AppEnv } from './app-env.ts';
import { isDatabaseUnavailable, unavailableRetryAfterS } from '../db/unavailable.ts';

// Postgres errors that are the caller's fault, mapped to our codes (never their text: it can name
// tables and constraints).
const pgCodes: Record<string, [ErrorCode, string]> = {
  '23505': ['conflict', 'A resource with these values already exists'],
  '23503': ['conflict', 'A referenced resource does not exist'],
  '23514': ['validation_failed', 'A value is out of range'],
  '22P02': ['validation_failed', 'A value has the wrong format'],
  // Text and jsonb refuse NUL characters (22021, 22P05) that JSON allows; other data exceptions
  // come from values the edge let through (too long, out of range, a date Postgres cannot hold).
  '22021': ['validation_failed', 'A text value contains a character that cannot be stored (such as NUL)'],
  '22P05': ['validation_failed', 'A text value contains a character that cannot be stored (such as NUL)'],
  '22001': ['validation_failed', 'A value is too long'],
  '22003': ['validation_failed', 'A number is out of range'],
  '22007': ['validation_failed', 'A date or time has the wrong format'],
  '22008': ['validation_failed', 'A date or time is out of range'],
  '42501': ['forbidden', 'You do not have access to this resource'],
};

/** Turns any thrown error into the one error body; 5xx details stay in the log. */
export function toErrorResponse(error: unknown, c: Context<AppEnv>): Response {
  const requestId = c.get('requestId') ?? 'unknown';
  let appError: AppError;
  if (error instanceof AppError) {
    appError = error;
  } else if (error instanceof HTTPException) {
    const code = (Object.entries(errorStatus).find(([, s]) => s === error.status)?.[0] ?? 'bad_request') as ErrorCode;
    appError = new AppError(code, error.message || 'Bad request');
  } else if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    pgCodes[(error as { code: string }).code]
  ) {
    const [code, message] = pgCodes[(error as { code: string }).code]!;
    appError = new AppError(code, message);
  } else if (isDatabaseUnavailable(error)) {
    // The database is down or cut off: the client retries later. A write whose connection died
    // before its commit is rolled back; one cut during its commit may have landed, which is what
    // Idempotency-Key is for (the retry then answers the first result).
    c.get('deps')?.log.warn({ err: error, requestId }, 'database unavailable');
    appError = new AppError('unavailable', 'The database is unavailable; try again shortly', {
      headers: { 'Retry-After': String(unavailableRetryAfterS) },
    });
  } else {
    c.get('deps')?.log.error({ err: error, requestId }, 'unhandled error');
    appError = new AppError('internal', 'Something went wrong on our side');
  }
  const body: ErrorBody = {
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.details === undefined ? {} : { details: appError.details }),
      requestId,
    },
  };
  for (const [name, value] of Object.entries(appError.headers)) c.header(name, value);
  return c.json(body, appError.status);
}

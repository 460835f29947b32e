import type { ZodError } from 'zod';

/** Every error code the API answers with, and its HTTP status. */
export const errorStatus = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  /** SIGNUP=closed: this instance takes no new accounts. */
  signup_closed: 403,
  /** SIGNUP=invite (or a given invitation_token): no valid pending invitation for this email. */
  invitation_required: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** The one error type: thrown anywhere, answered by `onError` as the standard error body. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly headers: Record<string, string>;
  constructor(code: ErrorCode, message: string, options: { details?: unknown; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
  get status(): (typeof errorStatus)[ErrorCode] {
    return errorStatus[this.code];
  }
}

/** A zod failure at an edge, with the issues as details. */
export function validationError(error: ZodError, where = 'request'): AppError {
  return new AppError('validation_failed', `Invalid ${where}`, {
    details: error.issues.map(({ path, message, code }) => ({ path, message, code })),
  });
}

/** Shorthands for the common cases. */
export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You do not have access to this resource') => new AppError('forbidden', message);
export const unauthorized = (message = 'Sign in to continue') => new AppError('unauthorized', message);
export const conflict = (message: string) => new AppError('conflict', message);

import type { ErrorBody } from './api-types.ts';

/** A failed API call: the standard error body (`{ error: { code, message, details?, requestId } }`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(status: number, body: Partial<ErrorBody> | null) {
    super(body?.error?.message ?? (status === 0 ? 'The server cannot be reached' : `The server answered ${status}`));
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.error?.code ?? (status === 0 ? 'network' : 'unknown');
    this.details = body?.error?.details;
    this.requestId = body?.error?.requestId;
  }

  /** Validation messages by field name (the first segment of each issue's path), for inline errors. */
  fieldErrors(): Record<string, string> {
    const fields: Record<string, string> = {};
    if (!Array.isArray(this.details)) return fields;
    for (const issue of this.details as { path?: unknown[]; message?: string }[]) {
      const field = issue.path?.[0];
      if (typeof field === 'string' && issue.message && !(field in fields)) fields[field] = issue.message;
    }
    return fields;
  }
}

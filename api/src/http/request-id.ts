import type { MiddlewareHandler } from 'hono';
import { randomUUID } from 'node:crypto';
import type { AppEnv } from './app-env.ts';

const acceptable = /^[A-Za-z0-9._-]{8,128}$/;

/** A sane incoming request id is kept; otherwise a fresh one (shared with the server's fast lane). */
export function pickRequestId(incoming: string | undefined): string {
  return incoming && acceptable.test(incoming) ? incoming : randomUUID();
}

/** Gives every request an id (a sane incoming `X-Request-Id` is kept) and echoes it in the answer. */
export function requestId({ headerName = 'X-Request-Id' } = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = pickRequestId(c.req.header(headerName));
    c.set('requestId', id);
    c.header(headerName, id);
    await next();
  };
}

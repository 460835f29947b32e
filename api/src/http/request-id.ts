import type { MiddlewareHandler } from 'hono';
import { randomUUID } from 'node:crypto';
import type { AppEnv } from './app-env.ts';

const acceptable = /^[A-Za-z0-9._-]{8,128}$/;

/** Gives every request an id (a sane incoming `X-Request-Id` is kept) and echoes it in the answer. */
export function requestId({ headerName = 'X-Request-Id' } = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header(headerName);
    const id = incoming && acceptable.test(incoming) ? incoming : randomUUID();
    c.set('requestId', id);
    c.header(headerName, id);
    await next();
  };
}

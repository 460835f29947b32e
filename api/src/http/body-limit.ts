import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './app-env.ts';
import { AppError } from '../errors.ts';

/**
 * The largest request body the API reads (1 MiB): far above any JSON body of the API, and above the
 * logo upload's own 256 KB cap, which its route enforces with a clearer message.
 */
export const maxJsonBodyBytes = 1024 * 1024;

/**
 * Refuses a larger body with 413 before it is buffered and parsed: by Content-Length when given,
 * otherwise while streaming it (Hono's bodyLimit).
 */
export function limitRequestBody(maxBytes = maxJsonBodyBytes): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError('payload_too_large', `The request body is larger than ${Math.floor(maxBytes / 1024)} KB`);
    },
  });
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import type { AppEnv } from './app-env.ts';
import { unauthorized } from '../errors.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The operator's door (`/metrics`): open when METRICS_TOKEN is unset, else only `Bearer <token>`.
 * Both sides are hashed first, so the comparison is constant-time whatever their lengths.
 */
export function checkOperatorToken(c: Context<AppEnv>): void {
  const expected = c.get('deps').env.METRICS_TOKEN;
  if (!expected) return;
  const header = c.req.header('Authorization') ?? '';
  const given = /^Bearer (.+)$/i.exec(header)?.[1] ?? '';
  if (!timingSafeEqual(digest(given), digest(expected)))
    throw unauthorized('This needs the METRICS_TOKEN as a bearer token');
}

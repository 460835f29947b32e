import type { Context } from 'hono';
import type { AppEnv } from './app-env.ts';
import type { Queryable } from '../db/types.ts';
import { withApiKey, withUser } from '../db/doors.ts';
import { unauthorized } from '../errors.ts';

/** Runs `fn` in one transaction through the door of the authenticated caller (user or API key). */
export function asCaller<T>(c: Context<AppEnv>, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const caller = c.get('caller');
  const { db } = c.get('deps');
  if (caller.kind === 'user') return withUser(db, { userId: caller.userId }, fn);
  if (caller.kind === 'api_key') return withApiKey(db, caller, fn);
  throw unauthorized();
}

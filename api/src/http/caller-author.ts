import type { Context } from 'hono';
import type { AppEnv } from './app-env.ts';
import type { Author, WriteContext } from '../timeline/author.ts';

/** The author of a write, from the authenticated caller (never from the body). */
export function authorOf(c: Context<AppEnv>): Author {
  const caller = c.get('caller');
  if (caller.kind === 'user') return { userId: caller.userId, keyId: null };
  if (caller.kind === 'api_key') return { userId: null, keyId: caller.keyId };
  return { userId: null, keyId: null };
}

/** The write context of a request: the app clock's now and the caller as author. */
export function writeContext(c: Context<AppEnv>): WriteContext {
  return { now: c.get('deps').clock.now(), author: authorOf(c) };
}

import type { Context } from 'hono';
import type { AppEnv } from '../../http/app-env.ts';

/** Who writes a timeline entry: a user, an API key, or (both null) a system job. */
export interface Author {
  userId: string | null;
  keyId: string | null;
}

/** The author of a write, from the authenticated caller (never from the body). */
export function authorOf(c: Context<AppEnv>): Author {
  const caller = c.get('caller');
  if (caller.kind === 'user') return { userId: caller.userId, keyId: null };
  if (caller.kind === 'api_key') return { userId: null, keyId: caller.keyId };
  return { userId: null, keyId: null };
}

/** The author of a system job's entries. */
export const systemAuthor: Author = { userId: null, keyId: null };

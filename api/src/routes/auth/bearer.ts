import type { Context } from 'hono';
import type { AppEnv } from '../../http/app-env.ts';
import { unauthorized } from '../../errors.ts';

/** The caller's access token (already verified by authenticate(); Supabase's logout needs it again). */
export function bearerToken(c: Context<AppEnv>): string {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '');
  if (!match) throw unauthorized();
  return match[1]!;
}

/** The signed-in user's id on a `{ kind: 'user' }` route. */
export function userIdOf(c: Context<AppEnv>): string {
  const caller = c.get('caller');
  if (caller.kind !== 'user') throw unauthorized();
  return caller.userId;
}

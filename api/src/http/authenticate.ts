import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import { unauthorized } from '../errors.ts';
import { verifyApiKey } from '../auth/verify-api-key.ts';
import { apiKeyPrefix } from '../auth/api-key-secret.ts';

/**
 * Establishes the caller from `Authorization: Bearer …`: an API key (`lsk_…`) or an access token of
 * the configured provider. No header: anonymous. A header that does not verify: 401, never a silent
 * downgrade to anonymous.
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('Authorization');
    if (!header) {
      c.set('caller', { kind: 'anonymous' });
      return next();
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized('The Authorization header must be "Bearer <token>"');
    const token = match[1]!;
    const deps = c.get('deps');
    if (token.startsWith(apiKeyPrefix)) {
      const key = await verifyApiKey(deps.db, token, deps.clock.now());
      if (!key) throw unauthorized('Invalid or revoked API key');
      c.set('caller', { kind: 'api_key', ...key });
    } else {
      const user = await deps.tokens.verify(token);
      if (!user) throw unauthorized('Invalid or expired access token');
      c.set('caller', { kind: 'user', userId: user.userId });
    }
    return next();
  };
}

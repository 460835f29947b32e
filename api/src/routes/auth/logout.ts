import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { bearerToken, userIdOf } from './bearer.ts';
import { jsonBody, LogoutRequest } from './schema.ts';

/**
 * POST /api/auth/logout: ends this session (scope `local`, named by its refresh token) or every
 * session of the user (`global`). The access token stays valid until it expires (minutes).
 */
export const logout = defineRoute(
  { kind: 'user' },
  createRoute({
    method: 'post',
    path: '/api/auth/logout',
    operationId: 'logOut',
    tags: ['auth'],
    summary: 'Sign out',
    request: { body: jsonBody(LogoutRequest) },
    responses: { 204: { description: 'Signed out' } },
  }),
  async (c) => {
    const { scope, refresh_token } = c.req.valid('json');
    await c
      .get('deps')
      .auth.provider.logout({ userId: userIdOf(c), accessToken: bearerToken(c), refreshToken: refresh_token, scope });
    return c.body(null, 204);
  },
);

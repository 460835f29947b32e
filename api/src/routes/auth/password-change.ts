import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { jsonBody, PasswordChangeRequest, SessionBody } from './schema.ts';
import { limitPasswordCheck, rateLimitedResponse } from './limits.ts';
import { userIdOf } from './bearer.ts';

/**
 * POST /api/auth/password: changes the password (the old one required). Every refresh token issued
 * before is revoked, so other devices must sign in again; the answer is a fresh session for this one.
 */
export const changePassword = defineRoute(
  { kind: 'user' },
  createRoute({
    method: 'post',
    path: '/api/auth/password',
    operationId: 'changePassword',
    tags: ['auth'],
    summary: 'Change the password',
    request: { body: jsonBody(PasswordChangeRequest) },
    responses: {
      ...rateLimitedResponse,
      200: {
        description: 'A fresh session; every other session ended',
        content: { 'application/json': { schema: SessionBody } },
      },
    },
  }),
  async (c) => {
    const { old_password, new_password } = c.req.valid('json');
    const userId = userIdOf(c);
    limitPasswordCheck(c, userId);
    return c.json({ data: await c.get('deps').auth.provider.changePassword(userId, old_password, new_password) }, 200);
  },
);

import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { jsonBody, LoginRequest, SessionBody } from './schema.ts';
import { limitLogin, rateLimitedResponse } from './limits.ts';

/**
 * POST /api/auth/login: email and password for a session. A wrong password and an unknown email get
 * the same 401 in about the same time; attempts are limited per client IP and per email (429).
 */
export const login = defineRoute(
  { kind: 'public' },
  createRoute({
    method: 'post',
    path: '/api/auth/login',
    operationId: 'logIn',
    tags: ['auth'],
    summary: 'Sign in with email and password',
    request: { body: jsonBody(LoginRequest) },
    responses: {
      200: { description: 'A new session', content: { 'application/json': { schema: SessionBody } } },
      ...rateLimitedResponse,
    },
  }),
  async (c) => {
    const { email, password } = c.req.valid('json');
    const session = await limitLogin(c, email, () => c.get('deps').auth.provider.signIn(email, password));
    return c.json({ data: session }, 200);
  },
);

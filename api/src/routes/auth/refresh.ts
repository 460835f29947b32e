import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { jsonBody, RefreshRequest, SessionBody } from './schema.ts';

/**
 * POST /api/auth/refresh: trades a refresh token for a new session. Each refresh token works once;
 * presenting one that was already used revokes its whole family (the newer tokens too).
 */
export const refresh = defineRoute(
  { kind: 'public' },
  createRoute({
    method: 'post',
    path: '/api/auth/refresh',
    operationId: 'refreshSession',
    tags: ['auth'],
    summary: 'Refresh a session',
    request: { body: jsonBody(RefreshRequest) },
    responses: {
      200: { description: 'The session with new tokens', content: { 'application/json': { schema: SessionBody } } },
    },
  }),
  async (c) => {
    const { refresh_token } = c.req.valid('json');
    return c.json({ data: await c.get('deps').auth.provider.refresh(refresh_token) }, 200);
  },
);

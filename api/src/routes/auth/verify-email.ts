import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { normalizeEmail, loadAuthUser } from '../../auth/auth-user.ts';
import { asSystem } from '../../db/doors.ts';
import { jsonBody, TokenRequest, UserBody } from './schema.ts';
import { limitAction, limitMail, rateLimitedResponse } from './limits.ts';
import { userIdOf } from './bearer.ts';

/** POST /api/auth/verify-email: confirms the address with the mailed single-use token. */
export const verifyEmail = defineRoute(
  { kind: 'public' },
  createRoute({
    method: 'post',
    path: '/api/auth/verify-email',
    operationId: 'verifyEmail',
    tags: ['auth'],
    summary: 'Confirm an email address with the mailed token',
    request: { body: jsonBody(TokenRequest) },
    responses: {
      200: { description: 'The verified user', content: { 'application/json': { schema: UserBody } } },
      ...rateLimitedResponse,
    },
  }),
  async (c) => {
    const { token } = c.req.valid('json');
    limitAction(c, 'verify-email');
    return c.json({ data: await c.get('deps').auth.provider.verifyEmail(token) }, 200);
  },
);

/** POST /api/auth/verify-email/resend: mails a new verification link to the signed-in user. */
export const resendVerification = defineRoute(
  { kind: 'user' },
  createRoute({
    method: 'post',
    path: '/api/auth/verify-email/resend',
    operationId: 'resendVerificationEmail',
    tags: ['auth'],
    summary: 'Mail a new verification link',
    responses: {
      204: { description: 'Mailed' },
      409: { description: 'The email address is already verified' },
      ...rateLimitedResponse,
    },
  }),
  async (c) => {
    const { auth, db } = c.get('deps');
    const userId = userIdOf(c);
    const user = await asSystem(db, 'auth', (tx) => loadAuthUser(tx, userId));
    limitMail(c, 'verify-email-resend', normalizeEmail(user?.email ?? userId));
    await auth.provider.resendVerification(userId);
    return c.body(null, 204);
  },
);

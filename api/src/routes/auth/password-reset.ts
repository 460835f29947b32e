import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { normalizeEmail } from '../../auth/auth-user.ts';
import { EmailRequest, jsonBody, ResetConfirmRequest } from './schema.ts';
import { limitAction, limitMail, rateLimitedResponse } from './limits.ts';

/**
 * POST /api/auth/password-reset: mails a reset link if the account exists. Always 204, so the
 * answer does not tell whether an address has an account.
 */
export const requestPasswordReset = defineRoute(
  { kind: 'public' },
  createRoute({
    method: 'post',
    path: '/api/auth/password-reset',
    operationId: 'requestPasswordReset',
    tags: ['auth'],
    summary: 'Mail a password reset link',
    request: { body: jsonBody(EmailRequest) },
    responses: { 204: { description: 'Mailed when the account exists' }, ...rateLimitedResponse },
  }),
  async (c) => {
    const { email } = c.req.valid('json');
    limitMail(c, 'password-reset', normalizeEmail(email));
    await c.get('deps').auth.provider.requestPasswordReset(email);
    return c.body(null, 204);
  },
);

/**
 * POST /api/auth/password-reset/confirm: sets a new password with the mailed single-use token and
 * revokes every refresh token of the account (every device signs in again).
 */
export const confirmPasswordReset = defineRoute(
  { kind: 'public' },
  createRoute({
    method: 'post',
    path: '/api/auth/password-reset/confirm',
    operationId: 'confirmPasswordReset',
    tags: ['auth'],
    summary: 'Set a new password with the mailed token',
    request: { body: jsonBody(ResetConfirmRequest) },
    responses: { 204: { description: 'Password changed; all sessions ended' }, ...rateLimitedResponse },
  }),
  async (c) => {
    const { token, password } = c.req.valid('json');
    limitAction(c, 'password-reset-confirm');
    await c.get('deps').auth.provider.confirmPasswordReset(token, password);
    return c.body(null, 204);
  },
);

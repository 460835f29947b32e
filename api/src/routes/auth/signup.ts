import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { AppError } from '../../errors.ts';
import { invitationRequired } from '../../auth/invitation-signup.ts';
import { jsonBody, SignupBody, SignupMailedBody, SignupRequest } from './schema.ts';
import { normalizeEmail } from '../../auth/auth-user.ts';
import { limitAction, limitMail, rateLimitedResponse } from './limits.ts';

/**
 * POST /api/auth/signup. Without an invitation: 202 and the same body whether the address is new or
 * already has an account (no account enumeration, OWASP); a new address gets a confirmation link and
 * can sign in once it is confirmed, a known one a "you already have an account" mail. With the
 * `invitation_token` of a pending invitation for this email (required when SIGNUP=invite): 201 with a
 * session, the account starts confirmed (the token came by mail) and joins the invitation's org.
 * SIGNUP=closed refuses.
 */
export const signup = defineRoute(
  { kind: 'public' },
  createRoute({
    method: 'post',
    path: '/api/auth/signup',
    operationId: 'signUp',
    tags: ['auth'],
    summary: 'Create an account',
    request: { body: jsonBody(SignupRequest) },
    responses: {
      ...rateLimitedResponse,
      409: { description: 'With an invitation: an account with this address exists (sign in to accept)' },
      201: {
        description: 'Through an invitation: the account and its first session',
        content: { 'application/json': { schema: SignupBody } },
      },
      202: {
        description: 'Without an invitation: the next step was mailed (the same answer for a new and a known address)',
        content: { 'application/json': { schema: SignupMailedBody } },
      },
    },
  }),
  async (c) => {
    const { env, auth } = c.get('deps');
    const body = c.req.valid('json');
    if (env.SIGNUP === 'closed')
      throw new AppError('signup_closed', 'Sign-up is closed on this instance; ask an administrator for an account');
    if (env.SIGNUP === 'invite' && !body.invitation_token) throw invitationRequired();
    // Without an invitation every sign-up mails the address, known or not: it counts against that
    // address's mails (3 per client IP, 10 in all), or sign-up would let anyone flood an inbox.
    if (body.invitation_token) limitAction(c, 'signup');
    else limitMail(c, 'signup', normalizeEmail(body.email));
    const { session } = await auth.provider.signUp({
      email: body.email,
      password: body.password,
      displayName: body.display_name,
      invitationToken: body.invitation_token,
    });
    if (session) return c.json({ data: session }, 201);
    const mailed = {
      access_token: null,
      token_type: 'bearer' as const,
      expires_in: null,
      refresh_token: null,
      user: null,
      email: normalizeEmail(body.email),
    };
    return c.json({ data: mailed }, 202);
  },
);

import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { AppError } from '../../errors.ts';
import { invitationRequired } from '../../auth/invitation-signup.ts';
import { jsonBody, SignupBody, SignupRequest } from './schema.ts';
import { limitAction, rateLimitedResponse } from './limits.ts';

/**
 * POST /api/auth/signup: creates an account and signs it in. SIGNUP=closed refuses; SIGNUP=invite
 * needs the `invitation_token` of a pending invitation for this email, and then the account starts
 * verified and joins the invitation's org. Local accounts may sign in before verifying their email
 * (as Supabase with autoconfirm); `user.email_verified` says which, and invitations need it.
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
      409: { description: 'An account with this email address already exists' },
      201: {
        description: 'The account and its first session',
        content: { 'application/json': { schema: SignupBody } },
      },
    },
  }),
  async (c) => {
    const { env, auth } = c.get('deps');
    const body = c.req.valid('json');
    if (env.SIGNUP === 'closed')
      throw new AppError('signup_closed', 'Sign-up is closed on this instance; ask an administrator for an account');
    if (env.SIGNUP === 'invite' && !body.invitation_token) throw invitationRequired();
    limitAction(c, 'signup');
    const { user, session } = await auth.provider.signUp({
      email: body.email,
      password: body.password,
      displayName: body.display_name,
      invitationToken: body.invitation_token,
    });
    const data = session ?? {
      access_token: null,
      token_type: 'bearer' as const,
      expires_in: null,
      refresh_token: null,
      user,
    };
    return c.json({ data }, 201);
  },
);

import { z } from '@hono/zod-openapi';
import { newPasswordSchema } from '../../auth/password-policy.ts';
import { memberRoles } from '../../contract/roles.ts';

// Wire shapes of /api/auth/*. Passwords and tokens only ever travel in request bodies and in the
// answers that create them; no hash is ever answered.

export const Email = z.email().max(254).openapi({ example: 'ada@example.com' });
/** A password being checked (login, old password): any length, so a policy change never locks anyone out. */
const CurrentPassword = z.string().min(1).max(256);
const OpaqueToken = z.string().min(1).max(200);

export const AuthUser = z
  .object({
    id: z.uuid(),
    email: z.string(),
    email_verified: z.boolean(),
    display_name: z.string().nullable(),
    created_at: z.iso.datetime(),
  })
  .openapi('AuthUser');

export const Session = z
  .object({
    access_token: z.string(),
    token_type: z.literal('bearer'),
    expires_in: z.number().int().openapi({ description: 'Seconds until the access token expires' }),
    refresh_token: z.string().openapi({ description: 'Single use: each refresh answers a new one' }),
    user: AuthUser,
  })
  .openapi('Session');

export const SessionBody = z.object({ data: Session });

/** Sign-up answers a session, or (Supabase waiting for email confirmation) the user with null tokens. */
export const SignupBody = z.object({
  data: z.object({
    access_token: z.string(),
    token_type: z.literal('bearer'),
    expires_in: z.number().int(),
    refresh_token: z.string(),
    user: AuthUser,
  }),
});

/** The answer of a sign-up without an invitation: the same for a new and a known address. */
export const SignupMailedBody = z.object({
  data: z.object({
    access_token: z.null(),
    token_type: z.literal('bearer'),
    expires_in: z.null(),
    refresh_token: z.null(),
    user: z.null(),
    email: z.string().openapi({ description: 'The address the next step was mailed to' }),
  }),
});

export const SignupRequest = z
  .object({
    email: Email,
    password: newPasswordSchema,
    display_name: z.string().trim().min(1).max(120).optional(),
    invitation_token: OpaqueToken.optional().openapi({ description: 'Required when SIGNUP=invite' }),
  })
  .openapi('SignupRequest');

export const LoginRequest = z.object({ email: Email, password: CurrentPassword }).openapi('LoginRequest');

export const RefreshRequest = z.object({ refresh_token: OpaqueToken }).openapi('RefreshRequest');

export const LogoutRequest = z
  .object({
    scope: z
      .enum(['local', 'global'])
      .default('local')
      .openapi({ description: 'local: this session; global: every session' }),
    refresh_token: OpaqueToken.optional().openapi({
      description: "This session's refresh token (needed for scope local)",
    }),
  })
  .refine((body) => body.scope === 'global' || body.refresh_token !== undefined, {
    message: 'refresh_token is required for scope local',
    path: ['refresh_token'],
  })
  .openapi('LogoutRequest');

export const TokenRequest = z.object({ token: OpaqueToken }).openapi('EmailTokenRequest');

export const EmailRequest = z.object({ email: Email }).openapi('EmailRequest');

export const ResetConfirmRequest = z
  .object({ token: OpaqueToken, password: newPasswordSchema })
  .openapi('PasswordResetConfirmRequest');

export const PasswordChangeRequest = z
  .object({ old_password: CurrentPassword, new_password: newPasswordSchema })
  .openapi('PasswordChangeRequest');

export const UserBody = z.object({ data: AuthUser });

export const MeBody = z.object({
  data: z.object({
    user: AuthUser,
    organizations: z.array(z.object({ id: z.uuid(), slug: z.string(), name: z.string(), role: z.enum(memberRoles) })),
  }),
});

/** JSON request body of a route. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

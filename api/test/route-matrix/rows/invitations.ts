import { randomUUID } from 'node:crypto';
import { asSystem } from '../../../src/db/doors.ts';
import { generateOpaqueToken, hashOpaqueToken } from '../../../src/auth/opaque-token.ts';
import type { MatrixCaseContext, MatrixRows } from '../types.ts';
import { adminOnly, orgA } from './shared.ts';

/** A pending invitation of org A (for `email`, default a fresh address) and its token. */
async function pendingInvitation(ctx: MatrixCaseContext, email = `mx-${randomUUID().slice(0, 8)}@example.test`) {
  const token = generateOpaqueToken();
  const [row] = await asSystem(ctx.t.db, 'test', (tx) =>
    tx.query<{ id: string }>(
      `insert into public.invitations (org_id, email, role, token_hash, expires_at)
       values ($1, $2, 'member', $3, now() + interval '7 days') returning id`,
      [ctx.world.orgA.id, email, hashOpaqueToken(token)],
    ),
  );
  return { id: row!.id, token };
}

export const invitationRows: MatrixRows = {
  'GET /api/organizations/{orgId}/invitations': { request: (ctx) => ({ params: orgA(ctx) }), expect: adminOnly(200) },
  'DELETE /api/organizations/{orgId}/invitations/{id}': {
    request: async (ctx) => ({ params: { ...orgA(ctx), id: (await pendingInvitation(ctx)).id } }),
    expect: adminOnly(204),
  },
  'POST /api/organizations/{orgId}/invitations/{id}/resend': {
    request: async (ctx) => ({ params: { ...orgA(ctx), id: (await pendingInvitation(ctx)).id } }),
    expect: adminOnly(200),
  },
  // The token is the secret: whoever holds the link learns which org it is for.
  'GET /api/invitations/{token}': {
    request: async (ctx) => ({ params: { token: (await pendingInvitation(ctx)).token } }),
    expect: {
      anonymous: 200,
      outsider: 200,
      viewer: 200,
      member: 200,
      admin: 200,
      otherAdmin: 200,
      otherKey: 200,
      keys: { default: 200 },
    },
  },
  // Addressed to the outsider: only they may accept; everyone else is refused and nothing changes.
  'POST /api/invitations/{token}/accept': {
    request: async (ctx) => ({
      params: { token: (await pendingInvitation(ctx, ctx.world.users.outsider.email)).token },
    }),
    expect: {
      anonymous: 401,
      outsider: 200,
      viewer: 403,
      member: 403,
      admin: 403,
      otherAdmin: 403,
      otherKey: 403,
      keys: { default: 403 },
    },
  },
};

import { randomBytes } from 'node:crypto';
import { asSystem } from '../../../src/db/doors.ts';
import type { MatrixCaseContext, MatrixRow, MatrixRows } from '../types.ts';
import { adminOnly, orgA } from './shared.ts';

/** Public subscription endpoints: every caller gets the same answer, whoever they are. */
const everyone = (status: number): MatrixRow['expect'] => ({
  anonymous: status,
  outsider: 'anonymous',
  viewer: 'anonymous',
  member: 'anonymous',
  admin: 'anonymous',
  otherAdmin: 'anonymous',
  otherKey: 'anonymous',
  keys: { default: 'anonymous' },
});

/** A confirmed subscriber of org A; its id and mailed token. */
async function subscriberOfA(ctx: MatrixCaseContext): Promise<{ id: string; token: string }> {
  const token = randomBytes(32).toString('base64url');
  const [row] = await asSystem(ctx.t.db, 'test', (tx) =>
    tx.query<{ id: string }>(
      `insert into public.status_subscribers (org_id, email, token, confirmed_at)
       values ($1, $2, $3, now()) returning id`,
      [ctx.world.orgA.id, `${randomBytes(6).toString('hex')}@example.test`, token],
    ),
  );
  return { id: row!.id, token };
}

export const subscriberRows: MatrixRows = {
  'POST /api/public/status/{orgSlug}/subscribers': {
    request: (ctx) => ({
      params: { orgSlug: ctx.world.orgA.slug },
      json: { email: `${randomBytes(6).toString('hex')}@example.test` },
    }),
    expect: everyone(202),
  },
  'POST /api/public/subscriptions/unsubscribe': {
    request: async (ctx) => ({ params: {}, query: { token: (await subscriberOfA(ctx)).token } }),
    expect: everyone(200),
  },
  'GET /api/organizations/{orgId}/subscribers': {
    request: (ctx) => ({ params: orgA(ctx) }),
    expect: adminOnly(200),
  },
  'GET /api/organizations/{orgId}/subscribers/export': {
    request: (ctx) => ({ params: orgA(ctx) }),
    expect: adminOnly(200),
  },
  'DELETE /api/organizations/{orgId}/subscribers/{id}': {
    request: async (ctx) => ({ params: { ...orgA(ctx), id: (await subscriberOfA(ctx)).id } }),
    expect: adminOnly(204),
  },
};

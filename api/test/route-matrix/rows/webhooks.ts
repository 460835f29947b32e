import { createWebhookRow } from '../../fixtures.ts';
import type { MatrixCaseContext, MatrixRow, MatrixRows } from '../types.ts';

const orgA = (ctx: MatrixCaseContext) => ({ orgId: ctx.world.orgA.id });
const hookOfA = async (ctx: MatrixCaseContext) => ({
  ...orgA(ctx),
  id: (await createWebhookRow(ctx.t.db, ctx.world.orgA.id)).id,
});
// `hooks.example.test` resolves to a public address in the tests' Outbound (never connected to).
const body = { url: 'https://hooks.example.test/matrix', kind: 'standard', event_types: ['incident.created'] };

/** Webhooks: admins only, never a key (their URLs and secrets reach outside). */
const adminOnly = (ok: number): MatrixRow['expect'] => ({
  anonymous: 401,
  outsider: 403,
  viewer: 403,
  member: 403,
  admin: ok,
  otherAdmin: 403,
  otherKey: 403,
  keys: { default: 403 },
});

export const webhookRows: MatrixRows = {
  'GET /api/organizations/{orgId}/webhooks': {
    request: (ctx) => ({ params: orgA(ctx) }),
    expect: adminOnly(200),
  },
  'POST /api/organizations/{orgId}/webhooks': {
    request: (ctx) => ({ params: orgA(ctx), json: body }),
    expect: adminOnly(201),
  },
  'GET /api/organizations/{orgId}/webhooks/{id}': {
    request: async (ctx) => ({ params: await hookOfA(ctx) }),
    expect: adminOnly(200),
  },
  'PUT /api/organizations/{orgId}/webhooks/{id}': {
    request: async (ctx) => ({ params: await hookOfA(ctx), json: body }),
    expect: adminOnly(200),
  },
  'DELETE /api/organizations/{orgId}/webhooks/{id}': {
    request: async (ctx) => ({ params: await hookOfA(ctx) }),
    expect: adminOnly(204),
  },
  'POST /api/organizations/{orgId}/webhooks/{id}/test': {
    request: async (ctx) => ({ params: await hookOfA(ctx) }),
    expect: adminOnly(202),
  },
  'GET /api/organizations/{orgId}/webhooks/{id}/deliveries': {
    request: async (ctx) => ({ params: await hookOfA(ctx) }),
    expect: adminOnly(200),
  },
};

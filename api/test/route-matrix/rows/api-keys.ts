import { createApiKey } from '../../fixtures.ts';
import type { MatrixCaseContext, MatrixRow, MatrixRows } from '../types.ts';

const orgA = (ctx: MatrixCaseContext) => ({ orgId: ctx.world.orgA.id });

/** Key management: admins only, never a key (not even one holding every scope). */
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

export const apiKeyRows: MatrixRows = {
  'POST /api/organizations/{orgId}/api-keys': {
    request: (ctx) => ({ params: orgA(ctx), json: { name: 'matrix', scopes: ['read', 'status:write'] } }),
    expect: adminOnly(201),
  },
  'GET /api/organizations/{orgId}/api-keys': {
    request: (ctx) => ({ params: orgA(ctx) }),
    expect: adminOnly(200),
  },
  'DELETE /api/organizations/{orgId}/api-keys/{id}': {
    request: async (ctx) => ({
      params: { ...orgA(ctx), id: (await createApiKey(ctx.t.db, ctx.world.orgA.id, ['read'], 'to revoke')).id },
    }),
    expect: adminOnly(204),
  },
};

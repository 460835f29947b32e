import { randomUUID } from 'node:crypto';
import { addMember, createUser } from '../../fixtures.ts';
import type { MatrixRows } from '../types.ts';
import { adminOnly, orgA, readableByViewers } from './shared.ts';

export const memberRows: MatrixRows = {
  'GET /api/organizations/{orgId}/members': { request: (ctx) => ({ params: orgA(ctx) }), expect: readableByViewers },
  'POST /api/organizations/{orgId}/members': {
    request: (ctx) => ({
      params: orgA(ctx),
      json: { email: `mx-${randomUUID().slice(0, 8)}@example.test`, role: 'viewer' },
    }),
    expect: adminOnly(201),
  },
  'PUT /api/organizations/{orgId}/members/{userId}': {
    request: (ctx) => ({ params: { ...orgA(ctx), userId: ctx.world.users.memberA.id }, json: { role: 'viewer' } }),
    expect: adminOnly(200),
  },
  // A third person is removed, so no caller is removing themselves (leaving is tested in members.test.ts).
  'DELETE /api/organizations/{orgId}/members/{userId}': {
    request: async (ctx) => {
      const target = await createUser(ctx.t.db);
      await addMember(ctx.t.db, ctx.world.orgA.id, target.id, 'viewer');
      return { params: { ...orgA(ctx), userId: target.id } };
    },
    expect: adminOnly(204),
  },
};

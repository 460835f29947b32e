import type { MatrixRows } from '../types.ts';

export const eventRows: MatrixRows = {
  'GET /api/organizations/{orgId}/events': {
    request: (ctx) => ({ params: { orgId: ctx.world.orgA.id }, query: { limit: '10' } }),
    // The audit trail is org data: viewers and up, and keys holding `read` (no other scope).
    expect: {
      anonymous: 401,
      outsider: 403,
      viewer: 200,
      member: 'viewer',
      admin: 'viewer',
      otherAdmin: 403,
      otherKey: 403,
      keys: { default: 403, read: 200 },
    },
  },
};

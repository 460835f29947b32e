import { asSystem } from '../../../src/db/doors.ts';
import { createService } from '../../fixtures.ts';
import type { MatrixCaseContext, MatrixRow, MatrixRows } from '../types.ts';

const orgA = (ctx: MatrixCaseContext) => ({ orgId: ctx.world.orgA.id });
const withService = async (ctx: MatrixCaseContext) => ({
  ...orgA(ctx),
  id: (await createService(ctx.t.db, ctx.world.orgA.id)).id,
});

async function createGroup(ctx: MatrixCaseContext): Promise<string> {
  const [row] = await asSystem(ctx.t.db, 'test', (tx) =>
    tx.query<{ id: string }>(
      `insert into public.service_groups (org_id, name) values ($1, 'Matrix group') returning id`,
      [ctx.world.orgA.id],
    ),
  );
  return row!.id;
}

/** Reads: viewers and up, keys with `read`. */
const readable: MatrixRow['expect'] = {
  anonymous: 401,
  outsider: 403,
  viewer: 200,
  member: 'viewer',
  admin: 'viewer',
  otherAdmin: 403,
  otherKey: 403,
  keys: { default: 403, read: 200 },
};

/** Services and groups themselves: admins only, never a key. */
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

export const serviceRows: MatrixRows = {
  'GET /api/organizations/{orgId}/services': { request: (ctx) => ({ params: orgA(ctx) }), expect: readable },
  'POST /api/organizations/{orgId}/services': {
    request: (ctx) => ({ params: orgA(ctx), json: { name: 'Matrix service' } }),
    expect: adminOnly(201),
  },
  'GET /api/organizations/{orgId}/services/{id}': {
    request: async (ctx) => ({ params: await withService(ctx) }),
    expect: readable,
  },
  'PUT /api/organizations/{orgId}/services/{id}': {
    request: async (ctx) => ({ params: await withService(ctx), json: { name: 'Renamed by matrix', is_public: false } }),
    expect: adminOnly(200),
  },
  'DELETE /api/organizations/{orgId}/services/{id}': {
    request: async (ctx) => ({ params: await withService(ctx) }),
    expect: adminOnly(204),
  },
  'POST /api/organizations/{orgId}/services/{id}/status': {
    request: async (ctx) => ({ params: await withService(ctx), json: { status: 'major_outage', message: 'Matrix' } }),
    expect: {
      anonymous: 401,
      outsider: 403,
      viewer: 403,
      member: 200,
      admin: 200,
      otherAdmin: 403,
      otherKey: 403,
      keys: { default: 403, 'status:write': 200 },
    },
  },
  'GET /api/organizations/{orgId}/services/{id}/history': {
    request: async (ctx) => ({ params: await withService(ctx), query: { limit: '10' } }),
    expect: readable,
  },
  'GET /api/organizations/{orgId}/services/{id}/uptime': {
    request: async (ctx) => ({ params: await withService(ctx), query: { days: '7' } }),
    expect: readable,
  },
  'GET /api/organizations/{orgId}/service-groups': { request: (ctx) => ({ params: orgA(ctx) }), expect: readable },
  'POST /api/organizations/{orgId}/service-groups': {
    request: (ctx) => ({ params: orgA(ctx), json: { name: 'Matrix group' } }),
    expect: adminOnly(201),
  },
  'PUT /api/organizations/{orgId}/service-groups/{id}': {
    request: async (ctx) => ({ params: { ...orgA(ctx), id: await createGroup(ctx) }, json: { name: 'Renamed group' } }),
    expect: adminOnly(200),
  },
  'DELETE /api/organizations/{orgId}/service-groups/{id}': {
    request: async (ctx) => ({ params: { ...orgA(ctx), id: await createGroup(ctx) } }),
    expect: adminOnly(204),
  },
  'PUT /api/organizations/{orgId}/service-order': {
    request: async (ctx) => {
      const groupId = await createGroup(ctx);
      const { id } = await createService(ctx.t.db, ctx.world.orgA.id);
      return {
        params: orgA(ctx),
        json: { groups: [{ id: groupId, position: 3 }], services: [{ id, group_id: groupId, position: 2 }] },
      };
    },
    expect: adminOnly(200),
  },
};

import { asSystem } from '../../../src/db/doors.ts';
import { createService } from '../../fixtures.ts';
import type { MatrixCaseContext, MatrixRow, MatrixRows } from '../types.ts';

const orgA = (ctx: MatrixCaseContext) => ({ orgId: ctx.world.orgA.id });
const inHours = (ctx: MatrixCaseContext, hours: number) =>
  new Date(ctx.t.clock.now().getTime() + hours * 3_600_000).toISOString();

/** A scheduled maintenance of org A covering one service. */
async function withMaintenance(ctx: MatrixCaseContext): Promise<{ orgId: string; id: string }> {
  const orgId = ctx.world.orgA.id;
  const service = await createService(ctx.t.db, orgId);
  return asSystem(ctx.t.db, 'test', async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `insert into public.maintenances (org_id, title, starts_at, ends_at) values ($1, 'Matrix window', $2, $3) returning id`,
      [orgId, inHours(ctx, 1), inHours(ctx, 2)],
    );
    await tx.query(`insert into public.maintenance_services (org_id, maintenance_id, service_id) values ($1, $2, $3)`, [
      orgId,
      row!.id,
      service.id,
    ]);
    return { orgId, id: row!.id };
  });
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

/** Writes (deletion included): members and up, keys with `maintenances:write`. */
const writable = (ok: number): MatrixRow['expect'] => ({
  anonymous: 401,
  outsider: 403,
  viewer: 403,
  member: ok,
  admin: ok,
  otherAdmin: 403,
  otherKey: 403,
  keys: { default: 403, 'maintenances:write': ok },
});

export const maintenanceRows: MatrixRows = {
  'GET /api/organizations/{orgId}/maintenances': { request: (ctx) => ({ params: orgA(ctx) }), expect: readable },
  'POST /api/organizations/{orgId}/maintenances': {
    request: async (ctx) => ({
      params: orgA(ctx),
      json: {
        title: 'Matrix upgrade',
        starts_at: inHours(ctx, 1),
        ends_at: inHours(ctx, 2),
        service_ids: [(await createService(ctx.t.db, ctx.world.orgA.id)).id],
      },
    }),
    expect: writable(201),
  },
  'GET /api/organizations/{orgId}/maintenances/{id}': {
    request: async (ctx) => ({ params: await withMaintenance(ctx) }),
    expect: readable,
  },
  'PUT /api/organizations/{orgId}/maintenances/{id}': {
    request: async (ctx) => ({ params: await withMaintenance(ctx), json: { status: 'in_progress' } }),
    expect: writable(200),
  },
  'DELETE /api/organizations/{orgId}/maintenances/{id}': {
    request: async (ctx) => ({ params: await withMaintenance(ctx) }),
    expect: writable(204),
  },
  'POST /api/organizations/{orgId}/maintenances/{id}/updates': {
    request: async (ctx) => ({ params: await withMaintenance(ctx), json: { message: 'On track' } }),
    expect: writable(201),
  },
};

import { asSystem } from '../../../src/db/doors.ts';
import { createService } from '../../fixtures.ts';
import type { MatrixCaseContext, MatrixRow, MatrixRows } from '../types.ts';

const orgA = (ctx: MatrixCaseContext) => ({ orgId: ctx.world.orgA.id });

/** An incident template of org A naming one of its services. */
async function withTemplate(ctx: MatrixCaseContext): Promise<{ orgId: string; id: string }> {
  const orgId = ctx.world.orgA.id;
  const service = await createService(ctx.t.db, orgId);
  return asSystem(ctx.t.db, 'test', async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `insert into public.templates (org_id, kind, name, title, impact)
       values ($1, 'incident', 'Matrix ' || gen_random_uuid(), 'Database down', 'major') returning id`,
      [orgId],
    );
    await tx.query(
      `insert into public.template_services (org_id, template_id, kind, service_id, status)
       values ($1, $2, 'incident', $3, 'major_outage')`,
      [orgId, row!.id, service.id],
    );
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

/** Writes of an incident template: members and up, keys with `incidents:write` only. */
const writable = (ok: number): MatrixRow['expect'] => ({
  anonymous: 401,
  outsider: 403,
  viewer: 403,
  member: ok,
  admin: ok,
  otherAdmin: 403,
  otherKey: 403,
  keys: { default: 403, 'incidents:write': ok },
});

export const templateRows: MatrixRows = {
  'GET /api/organizations/{orgId}/templates': { request: (ctx) => ({ params: orgA(ctx) }), expect: readable },
  'POST /api/organizations/{orgId}/templates': {
    request: async (ctx) => ({
      params: orgA(ctx),
      json: {
        kind: 'incident',
        name: 'Matrix outage',
        title: 'Payments are failing',
        message: 'We are looking into it.',
        impact: 'major',
        services: [{ service_id: (await createService(ctx.t.db, ctx.world.orgA.id)).id, status: 'major_outage' }],
      },
    }),
    expect: writable(201),
  },
  'GET /api/organizations/{orgId}/templates/{id}': {
    request: async (ctx) => ({ params: await withTemplate(ctx) }),
    expect: readable,
  },
  'PUT /api/organizations/{orgId}/templates/{id}': {
    request: async (ctx) => ({ params: await withTemplate(ctx), json: { title: 'Database slow', impact: 'minor' } }),
    expect: writable(200),
  },
  'DELETE /api/organizations/{orgId}/templates/{id}': {
    request: async (ctx) => ({ params: await withTemplate(ctx) }),
    expect: writable(204),
  },
};

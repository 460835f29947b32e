import { asSystem } from '../../../src/db/doors.ts';
import { createService } from '../../fixtures.ts';
import type { MatrixCaseContext, MatrixRow, MatrixRows } from '../types.ts';

const orgA = (ctx: MatrixCaseContext) => ({ orgId: ctx.world.orgA.id });

/** An open incident of org A holding one service, with one timeline entry. */
async function withIncident(ctx: MatrixCaseContext): Promise<{ orgId: string; id: string; updateId: string }> {
  const orgId = ctx.world.orgA.id;
  const service = await createService(ctx.t.db, orgId);
  return asSystem(ctx.t.db, 'test', async (tx) => {
    const [incident] = await tx.query<{ id: string }>(
      `insert into public.incidents (org_id, title) values ($1, 'Matrix incident') returning id`,
      [orgId],
    );
    await tx.query(
      `insert into public.incident_services (org_id, incident_id, service_id, status) values ($1, $2, $3, 'partial_outage')`,
      [orgId, incident!.id, service.id],
    );
    const [update] = await tx.query<{ id: string }>(
      `insert into public.incident_updates (org_id, incident_id, status, message) values ($1, $2, 'investigating', 'First') returning id`,
      [orgId, incident!.id],
    );
    return { orgId, id: incident!.id, updateId: update!.id };
  });
}

/** A resolved incident of org A (one that may carry a post-mortem). */
async function withResolvedIncident(ctx: MatrixCaseContext): Promise<{ orgId: string; id: string }> {
  const { orgId, id } = await withIncident(ctx);
  await asSystem(ctx.t.db, 'test', (tx) =>
    tx.query(`update public.incidents set status = 'resolved', resolved_at = now() where id = $1`, [id]),
  );
  return { orgId, id };
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

/** Writes: members and up, keys with `incidents:write`. */
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

export const incidentRows: MatrixRows = {
  'GET /api/organizations/{orgId}/incidents': { request: (ctx) => ({ params: orgA(ctx) }), expect: readable },
  'POST /api/organizations/{orgId}/incidents': {
    request: async (ctx) => ({
      params: orgA(ctx),
      json: {
        title: 'Matrix outage',
        services: [{ service_id: (await createService(ctx.t.db, ctx.world.orgA.id)).id, status: 'major_outage' }],
        message: 'Looking into it',
      },
    }),
    expect: writable(201),
  },
  'GET /api/organizations/{orgId}/incidents/{id}': {
    request: async (ctx) => ({ params: await withIncident(ctx) }),
    expect: readable,
  },
  'PUT /api/organizations/{orgId}/incidents/{id}': {
    request: async (ctx) => ({
      params: await withIncident(ctx),
      json: { title: 'Renamed by matrix', status: 'identified' },
    }),
    expect: writable(200),
  },
  'DELETE /api/organizations/{orgId}/incidents/{id}': {
    request: async (ctx) => ({ params: await withIncident(ctx) }),
    expect: {
      anonymous: 401,
      outsider: 403,
      viewer: 403,
      member: 403,
      admin: 204,
      otherAdmin: 403,
      otherKey: 403,
      keys: { default: 403 },
    },
  },
  'POST /api/organizations/{orgId}/incidents/{id}/resolve': {
    request: async (ctx) => ({ params: await withIncident(ctx), json: { message: 'Fixed' } }),
    expect: writable(200),
  },
  'POST /api/organizations/{orgId}/incidents/{id}/updates': {
    request: async (ctx) => ({ params: await withIncident(ctx), json: { status: 'monitoring', message: 'Watching' } }),
    expect: writable(201),
  },
  'PUT /api/organizations/{orgId}/incidents/{id}/updates/{updateId}': {
    request: async (ctx) => ({ params: await withIncident(ctx), json: { message: 'Corrected' } }),
    expect: writable(200),
  },
  'DELETE /api/organizations/{orgId}/incidents/{id}/updates/{updateId}': {
    request: async (ctx) => ({ params: await withIncident(ctx) }),
    expect: writable(204),
  },
  'PUT /api/organizations/{orgId}/incidents/{id}/postmortem': {
    request: async (ctx) => ({
      params: await withResolvedIncident(ctx),
      json: { postmortem: '## What happened\n\nA **bad** deploy.' },
    }),
    expect: writable(200),
  },
};

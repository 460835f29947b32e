import { randomUUID } from 'node:crypto';
import { asSystem } from '../../../src/db/doors.ts';
import { samplePng } from '../samples.ts';
import type { MatrixRows } from '../types.ts';
import { adminOnly, orgA, readableByViewers as readable } from './shared.ts';

export const organizationRows: MatrixRows = {
  'GET /api/organizations': {
    request: () => ({}),
    // Every signed-in user lists their own orgs (the other org's admin sees only B); keys cannot.
    expect: {
      anonymous: 401,
      outsider: 200,
      viewer: 200,
      member: 200,
      admin: 200,
      otherAdmin: 200,
      otherKey: 403,
      keys: { default: 403 },
    },
  },
  'POST /api/organizations': {
    request: () => ({ json: { name: 'Matrix Org', slug: `mx-${randomUUID().slice(0, 8)}` } }),
    expect: {
      anonymous: 401,
      outsider: 201,
      viewer: 201,
      member: 201,
      admin: 201,
      otherAdmin: 201,
      otherKey: 403,
      keys: { default: 403 },
    },
  },
  'GET /api/organizations/{orgId}': { request: (ctx) => ({ params: orgA(ctx) }), expect: readable },
  'PUT /api/organizations/{orgId}': {
    request: (ctx) => ({ params: orgA(ctx), json: { name: 'Renamed by matrix', time_zone: 'Europe/Paris' } }),
    expect: adminOnly(200),
  },
  'DELETE /api/organizations/{orgId}': {
    request: (ctx) => ({ params: orgA(ctx), query: { confirm: ctx.world.orgA.slug } }),
    expect: adminOnly(204),
  },
  'PUT /api/organizations/{orgId}/logo': {
    request: (ctx) => ({ params: orgA(ctx), body: samplePng(8), headers: { 'Content-Type': 'image/png' } }),
    expect: adminOnly(200),
  },
  'GET /api/organizations/{orgId}/logo': {
    request: async (ctx) => {
      await asSystem(ctx.t.db, 'test', (tx) =>
        tx.query(
          `insert into public.organization_logos (org_id, content_type, bytes) values ($1, 'image/png', $2)
           on conflict (org_id) do nothing`,
          [ctx.world.orgA.id, samplePng()],
        ),
      );
      return { params: orgA(ctx) };
    },
    expect: readable,
  },
};

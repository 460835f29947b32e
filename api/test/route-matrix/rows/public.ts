import { asSystem } from '../../../src/db/doors.ts';
import type { MatrixCaseContext, MatrixRow, MatrixRows } from '../types.ts';

const slugA = (ctx: MatrixCaseContext) => ({ orgSlug: ctx.world.orgA.slug });

/** Public reads: every caller gets the same answer, whoever they are. */
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

// 1×1 PNG.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export const publicRows: MatrixRows = {
  'GET /api/public/status/{orgSlug}': { request: (ctx) => ({ params: slugA(ctx) }), expect: everyone(200) },
  'GET /api/public/status/{orgSlug}/summary.json': {
    request: (ctx) => ({ params: slugA(ctx) }),
    expect: everyone(200),
  },
  'GET /api/public/status/{orgSlug}/logo': {
    request: async (ctx) => {
      await asSystem(ctx.t.db, 'test', (tx) =>
        tx.query(
          `insert into public.organization_logos (org_id, content_type, bytes) values ($1, 'image/png', $2) on conflict do nothing`,
          [ctx.world.orgA.id, png],
        ),
      );
      return { params: slugA(ctx) };
    },
    expect: everyone(200),
  },
  'GET /api/openapi.json': { request: () => ({}), expect: everyone(200) },
  'GET /api/docs': { request: () => ({}), expect: everyone(200) },
};

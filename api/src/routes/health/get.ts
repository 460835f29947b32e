import { createRoute, z } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { schemaVersion } from '../../db/migrate.ts';

const Health = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.object({
      kind: z.enum(['pglite', 'postgres']),
      status: z.enum(['up', 'down']),
      schema_version: z.string().nullable(),
    }),
  })
  .openapi('Health');

/** GET /api/health: the process is up; the database answers and which schema it has. */
export const getHealth = defineRoute(
  { kind: 'public' },
  createRoute({
    method: 'get',
    path: '/api/health',
    tags: ['health'],
    summary: 'Liveness and database state',
    responses: {
      200: { description: 'Up', content: { 'application/json': { schema: Health } } },
      503: { description: 'The database does not answer', content: { 'application/json': { schema: Health } } },
    },
  }),
  async (c) => {
    const { db } = c.get('deps');
    try {
      const version = await schemaVersion(db);
      return c.json(
        { status: 'ok' as const, database: { kind: db.kind, status: 'up' as const, schema_version: version } },
        200,
      );
    } catch {
      return c.json(
        { status: 'degraded' as const, database: { kind: db.kind, status: 'down' as const, schema_version: null } },
        503,
      );
    }
  },
);

import { createRoute, z } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';

/** GET /api/openapi.json: the OpenAPI 3.1 document of every route of this app (`createApp`'s routes). */
export const getOpenApi = defineRoute(
  { kind: 'public' },
  createRoute({
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'getOpenApiDocument',
    tags: ['meta'],
    summary: 'OpenAPI 3.1 document of the whole API',
    responses: {
      200: {
        description: 'The document',
        content: { 'application/json': { schema: z.object({ openapi: z.string() }).passthrough() } },
      },
    },
  }),
  (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Access-Control-Allow-Origin', '*');
    return c.json(c.get('apiReference').document(), 200);
  },
);

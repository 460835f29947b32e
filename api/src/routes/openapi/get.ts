import { createRoute, z } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { routeTable } from '../index.ts';
import { buildOpenApiDocument, type OpenApiDocument } from './document.ts';

let cached: OpenApiDocument | null = null;

/** The document of the app's route table, built on first request (the table is fixed at start). */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument(routeTable);
  return cached;
}

/** GET /api/openapi.json: the OpenAPI 3.1 document of every route. */
export const getOpenApi = defineRoute(
  { kind: 'public' },
  createRoute({
    method: 'get',
    path: '/api/openapi.json',
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
    return c.json(openApiDocument(), 200);
  },
);

import type { OpenAPIHono } from '@hono/zod-openapi';

/** The generated document (OpenAPI 3.1), as JSON. */
export type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

/**
 * An app's description of itself, built on first use from the routes `createApp` was given
 * (`routes/openapi/reference.ts`), so `/api/openapi.json` and `/api/docs` document exactly the app
 * that serves them. Each app holds its own, cached for its life (its routes are fixed at creation).
 */
export interface ApiReference {
  document(): OpenApiDocument;
  html(): string;
}

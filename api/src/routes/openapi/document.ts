import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AnyRouteDefinition } from '../../http/define-route.ts';
import type { Access } from '../../http/access.ts';
import type { OpenApiDocument } from '../../http/api-reference.ts';

const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string(),
    }),
  })
  .openapi('Error');

/** Who may call a route, in words (docs/architecture.md, "Who may do what"). */
export function describeAccess(access: Access): string {
  switch (access.kind) {
    case 'public':
      return 'Public: no authentication.';
    case 'user':
      return 'Any signed-in user (not an API key).';
    case 'org': {
      const keys = access.scopes?.length
        ? `, or an API key of the organization with one of the scopes ${access.scopes.join(', ')}`
        : '; API keys cannot';
      return `Members of the organization with the ${access.role} role or higher${keys}.`;
    }
    case 'api_key':
      return `Only an API key of the organization with one of the scopes ${access.scopes.join(', ')}.`;
    case 'operator':
      return 'The operator: `Bearer <METRICS_TOKEN>` when METRICS_TOKEN is set, else no authentication.';
  }
}

/**
 * Builds the OpenAPI 3.1 document of a route table: each route's zod schemas, its access rule (in
 * the description and as `security`), and the standard error body as the default answer.
 */
export function buildOpenApiDocument(routes: readonly AnyRouteDefinition[], version = '0.1.0'): OpenApiDocument {
  const registry = new OpenAPIHono();
  registry.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An access token of the configured auth provider, or an API key (`lsk_…`).',
  });
  registry.openAPIRegistry.registerComponent('securitySchemes', 'metricsToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The operator token of `/metrics` (METRICS_TOKEN).',
  });
  registry.openAPIRegistry.register('Error', ErrorBody);
  for (const { access, route } of routes) {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { middleware, ...config } = route;
    const accessText = describeAccess(access);
    registry.openAPIRegistry.registerPath({
      ...config,
      // Hono spells parameters `:name`; OpenAPI wants `{name}`.
      path: String(config.path).replace(/:([A-Za-z0-9_]+)/g, '{$1}'),
      description: config.description ? `${config.description}\n\n${accessText}` : accessText,
      security:
        access.kind === 'public' ? [] : access.kind === 'operator' ? [{ metricsToken: [] }, {}] : [{ bearer: [] }],
      responses: {
        ...config.responses,
        default: {
          description: 'An error (standard error body)',
          content: { 'application/json': { schema: ErrorBody } },
        },
      },
    });
  }
  return registry.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Lantern API',
      version,
      description: 'Multi-tenant realtime status pages: management REST API, public read API and streams.',
    },
  });
}

import { OpenAPIHono, z, type RouteConfig } from '@hono/zod-openapi';
import type { AnyRouteDefinition } from '../../http/define-route.ts';
import type { Access } from '../../http/access.ts';
import type { OpenApiDocument } from '../../http/api-reference.ts';
import { acceptsIdempotencyKey, idempotencyHeader } from '../../idempotency/idempotent.ts';
import { errorStatusesOf } from './error-responses.ts';
import { operationIdOf } from './operation-id.ts';
import { tagDescriptions } from './tags.ts';
import { webhookDocs } from '../webhooks/payload-schema.ts';

/** The one error body of every error answer (house rule: `{ error: { code, message, details?, requestId } }`). */
const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ description: 'Machine-readable code, e.g. `validation_failed`, `not_found`' }),
      message: z.string().openapi({ description: 'What went wrong, for people' }),
      details: z.unknown().optional().openapi({ description: 'Per-field problems of a 400, and other specifics' }),
      requestId: z.string().openapi({ description: 'The `X-Request-Id` of the request, for the logs' }),
    }),
  })
  .openapi('Error');
const errorContent = { 'application/json': { schema: ErrorBody } };

const IdempotencyHeaders = z.object({
  [idempotencyHeader]: z.string().min(1).max(255).optional().openapi({
    description: 'Any 1–255 visible ASCII characters: a repeat within 24 h answers the first answer again',
  }),
});

// The repository grants no licence yet: all rights reserved until it names one. (`identifier`, an
// SPDX expression, is OpenAPI 3.1; the registry's types know only 3.0's `url`.)
const license = { name: 'Proprietary (no licence granted yet)', identifier: 'LicenseRef-Proprietary' } as {
  name: string;
};

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

/** Every error answer the route can give, each with the standard error body. */
function documentedResponses(access: Access, route: RouteConfig): RouteConfig['responses'] {
  const responses: RouteConfig['responses'] = { ...route.responses };
  for (const [status, response] of errorStatusesOf(access, route))
    responses[status] = { content: errorContent, ...response };
  // Anything else (500, 503): the same body.
  responses.default = { description: 'An unexpected error', content: errorContent };
  return responses;
}

/**
 * Builds the OpenAPI 3.1 document of a route table: each route's zod schemas, a stable operationId
 * (./operation-id.ts), its access rule (in the description and as `security`), and its error answers
 * with the standard error body (./error-responses.ts). Throws on two routes with one operationId.
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
  const operationIds = new Map<string, string>();
  const tags = new Set<string>();
  for (const { access, route } of routes) {
    const { middleware, ...config } = route as RouteConfig;
    const where = `${config.method.toUpperCase()} ${config.path}`;
    const operationId = operationIdOf(config);
    const taken = operationIds.get(operationId);
    if (taken) throw new Error(`operationId "${operationId}" of ${where} is already used by ${taken}`);
    operationIds.set(operationId, where);
    for (const tag of config.tags ?? []) tags.add(tag);
    const accessText = describeAccess(access);
    registry.openAPIRegistry.registerPath({
      ...config,
      operationId,
      // Hono spells parameters `:name`; OpenAPI wants `{name}`.
      path: config.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}'),
      description: config.description ? `${config.description}\n\n${accessText}` : accessText,
      request: acceptsIdempotencyKey(middleware) ? { ...config.request, headers: IdempotencyHeaders } : config.request,
      security:
        access.kind === 'public' ? [] : access.kind === 'operator' ? [{ metricsToken: [] }, {}] : [{ bearer: [] }],
      responses: documentedResponses(access, route),
    });
  }
  // What the org's webhooks receive (documented only when the table serves the webhook routes).
  if (tags.has('webhooks')) {
    registry.openAPIRegistry.registerComponent('securitySchemes', 'webhookSignature', {
      type: 'apiKey',
      in: 'header',
      name: 'webhook-signature',
      description:
        'Standard Webhooks: verify `webhook-signature` over `webhook-id`, `webhook-timestamp` and the body with the secret shown when the webhook was created.',
    });
    for (const webhook of webhookDocs)
      registry.openAPIRegistry.registerWebhook({ ...webhook, security: [{ webhookSignature: [] }] });
  }
  return registry.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Lantern API',
      version,
      description: 'Multi-tenant realtime status pages: management REST API, public read API and streams.',
      license,
    },
    // Relative: the document is served by the API it describes, whatever host and prefix that has.
    servers: [{ url: '/', description: 'The server this document was fetched from' }],
    tags: [...tags].sort().map((name) => ({ name, description: tagDescriptions[name] })),
  });
}

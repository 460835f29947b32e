import type { RouteConfig } from '@hono/zod-openapi';

const camelCase = /^[a-z][a-zA-Z0-9]*$/;
const verbs: Record<string, string> = { get: 'get', post: 'create', put: 'update', patch: 'update', delete: 'delete' };

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
/** `api-keys` → `ApiKeys`, `summary.json` → `SummaryJson`. */
const pascal = (segment: string) => segment.split(/[-_.]/).filter(Boolean).map(capitalize).join('');
/** The noun before a path parameter names one item: `services/{id}` → `Service` (not `Status`). */
const singular = (noun: string) => (/[^su]s$/.test(noun) ? noun.slice(0, -1) : noun);
const isParam = (segment: string) => segment.startsWith('{') || segment.startsWith(':');

/**
 * The name of an operation from its method and path, so it never depends on where the route sits in
 * the table: `GET …/services` → `listServices`, `POST …/services` → `createService`,
 * `PUT …/incidents/{id}/updates/{updateId}` → `updateIncidentUpdate`. The org scope
 * (`/api/organizations/{orgId}/…`) is left out: every management route has it. Routes whose verb is
 * not a plain create/read/update/delete (`resolve`, `accept`, sign-in…) name themselves with
 * `operationId` in their `createRoute` config, which wins.
 */
export function deriveOperationId(method: string, path: string): string {
  let segments = path.split('/').filter(Boolean);
  if (segments[0] === 'api') segments = segments.slice(1);
  if (segments[0] === 'organizations' && isParam(segments[1] ?? '') && segments.length > 2)
    segments = segments.slice(2);
  const nouns: string[] = [];
  for (const segment of segments) {
    if (isParam(segment)) {
      if (nouns.length) nouns[nouns.length - 1] = singular(nouns[nouns.length - 1]!);
    } else nouns.push(pascal(segment));
  }
  const last = segments[segments.length - 1] ?? '';
  const collection = !isParam(last) && /s$/.test(last);
  let verb = verbs[method.toLowerCase()] ?? method.toLowerCase();
  if (collection && verb === 'get') verb = 'list';
  if (collection && verb === 'create') nouns[nouns.length - 1] = singular(nouns[nouns.length - 1]!);
  return verb + nouns.join('');
}

/** The route's `operationId`: its own when it names one, else derived from method and path. */
export function operationIdOf(route: Pick<RouteConfig, 'method' | 'path' | 'operationId'>): string {
  const id = route.operationId ?? deriveOperationId(route.method, route.path);
  if (!camelCase.test(id)) throw new Error(`operationId "${id}" of ${route.method} ${route.path} is not camelCase`);
  return id;
}

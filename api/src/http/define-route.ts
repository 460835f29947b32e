import type { RouteConfig, RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from './app-env.ts';
import type { Access } from './access.ts';

/**
 * One entry of the route table: the OpenAPI route (zod schemas for params, query, body and answers),
 * who may call it, and the handler. The same table builds the app, `/api/openapi.json` and the
 * route × caller test matrix, so a route cannot exist without an access rule.
 */
export interface RouteDefinition<R extends RouteConfig = RouteConfig> {
  access: Access;
  route: R;
  handler: RouteHandler<R, AppEnv>;
}

/** Declares a route of the table (see RouteDefinition). */
export function defineRoute<R extends RouteConfig>(
  access: Access,
  route: R,
  handler: RouteHandler<R, AppEnv>,
): RouteDefinition<R> {
  return { access, route, handler };
}

/** A route of any shape, as the table stores it (each entry was type-checked by defineRoute). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRouteDefinition = RouteDefinition<any>;

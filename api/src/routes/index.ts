import type { AnyRouteDefinition } from '../http/define-route.ts';
import { healthRoutes } from './health/index.ts';
import { incidentRoutes } from './incidents/index.ts';

/** The route table: every API route, in one list (app, OpenAPI document and access tests read it). */
export const routeTable: AnyRouteDefinition[] = [...healthRoutes, ...incidentRoutes];

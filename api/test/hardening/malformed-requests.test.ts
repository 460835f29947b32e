import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from '@hono/zod-openapi';
import { routeTable } from '../../src/routes/index.ts';
import type { AnyRouteDefinition } from '../../src/http/define-route.ts';
import { encodeCursor } from '../../src/http/cursor.ts';
import type { TestContext } from '../test-app.ts';
import { createApiKey, type TenantWorld } from '../fixtures.ts';
import { openAdminWorld } from './admin-world.ts';
import { snapshotOrg } from '../route-matrix/snapshot.ts';

/**
 * Junk thrown at every route of the route table, as org A's admin (so access passes and the junk
 * reaches validation and the handler): every answer is the standard error body with a 4xx status,
 * never a 5xx, a stack trace or a database message, and nothing of the org changes.
 */

type Route = AnyRouteDefinition['route'];
const someUuid = '00000000-0000-4000-8000-000000000000';

const paramsShape = (route: Route): Record<string, z.ZodType> =>
  (route.request?.params as z.ZodObject | undefined)?.shape ?? {};
const queryShape = (route: Route): Record<string, z.ZodType> =>
  (route.request?.query as z.ZodObject | undefined)?.shape ?? {};
const hasJsonBody = (route: Route) => Boolean(route.request?.body?.content?.['application/json']);
const label = (route: Route) => `${route.method.toUpperCase()} ${route.path}`;

/** Fills `{name}` segments: org A for orgId, a well-formed unknown UUID or the sample for the rest. */
function pathOf(route: Route, world: TenantWorld, overrides: Record<string, string> = {}): string {
  return route.path.replace(/\{(\w+)\}/g, (_: string, name: string) =>
    encodeURIComponent(overrides[name] ?? (name === 'orgId' ? world.orgA.id : sampleParam(route, name))),
  );
}

/** A service of org A for `/services/{id}/...` routes, so their queries run past the lookup. */
let serviceId = someUuid;
const withService = (route: Route): Record<string, string> =>
  route.path.includes('/services/{id}') ? { id: serviceId } : {};

function sampleParam(route: Route, name: string): string {
  const schema = paramsShape(route)[name];
  for (const candidate of [someUuid, 'demo-org', 'a'.repeat(43)])
    if (schema?.safeParse(candidate).success) return candidate;
  return someUuid;
}

// Text that must never reach a client: Postgres wording, stack frames, source paths.
const leaks = /postgres|pglite|relation "|constraint|syntax error|SQLSTATE|\bat \S+ \(|\.ts:\d+|node_modules/i;

async function expectErrorBody(res: Response, what: string, statuses: number[]): Promise<void> {
  const text = await res.text();
  expect(statuses, `${what}: ${res.status} ${text}`).toContain(res.status);
  expect(res.headers.get('content-type'), what).toMatch(/application\/json/);
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; requestId?: unknown } };
  expect(typeof body.error?.code, what).toBe('string');
  expect(typeof body.error?.message, what).toBe('string');
  expect(typeof body.error?.requestId, what).toBe('string');
  expect(text, what).not.toMatch(leaks);
}

describe('malformed requests, over the whole route table', () => {
  let t: TestContext;
  let world: TenantWorld;
  let auth: Record<string, string>;
  let before: Record<string, unknown[]>;
  // Routes only API keys may call (the Alertmanager receiver) are sent with a key of their scopes,
  // so the request reaches validation instead of stopping at the access check.
  const keyAuth = new Map<Route, Record<string, string>>();

  beforeAll(async () => {
    ({ t, world, auth, serviceId } = await openAdminWorld());
    for (const { access, route } of routeTable) {
      if (access.kind !== 'api_key') continue;
      const key = await createApiKey(t.db, world.orgA.id, [...access.scopes], 'malformed-requests');
      keyAuth.set(route, { Authorization: `Bearer ${key.secret}` });
    }
    before = await snapshotOrg(t.db, world.orgA.id);
  });
  afterAll(() => t.close());

  const send = (route: Route, path: string, init: { body?: string; headers?: Record<string, string> } = {}) =>
    t.app.request(path, {
      method: route.method.toUpperCase(),
      headers: { ...(keyAuth.get(route) ?? auth), ...init.headers },
      body: init.body,
    });

  const uuidParams = routeTable.flatMap(({ route }) =>
    Object.entries(paramsShape(route))
      .filter(([, schema]) => !schema.safeParse('not-a-uuid').success)
      .map(([name]) => ({ route, name })),
  );
  it('finds routes with id parameters to test', () => expect(uuidParams.length).toBeGreaterThan(20));
  for (const { route, name } of uuidParams) {
    it(`${label(route)}: {${name}} = 'not-a-uuid' → 404 (the org) or 400`, async () => {
      const res = await send(route, pathOf(route, world, { [name]: 'not-a-uuid' }), jsonIfNeeded(route));
      // requireAccess reads :orgId before validation: a malformed org id is an org that does not exist.
      await expectErrorBody(res, label(route), name === 'orgId' ? [404] : [400]);
    });
  }

  const bodyRoutes = routeTable.filter(({ route }) => hasJsonBody(route)).map(({ route }) => route);
  it('finds routes with JSON bodies to test', () => expect(bodyRoutes.length).toBeGreaterThan(15));
  for (const route of bodyRoutes) {
    it(`${label(route)}: malformed JSON, wrong type, wrong media type`, async () => {
      const path = pathOf(route, world);
      const json = { 'Content-Type': 'application/json' };
      await expectErrorBody(
        await send(route, path, { body: '{"a":', headers: json }),
        `${label(route)} malformed`,
        [400],
      );
      await expectErrorBody(await send(route, path, { body: '[1,2]', headers: json }), `${label(route)} array`, [400]);
      await expectErrorBody(await send(route, path, { body: '"x"', headers: json }), `${label(route)} string`, [400]);
      await expectErrorBody(
        await send(route, path, { body: '{}', headers: { 'Content-Type': 'text/plain' } }),
        `${label(route)} text/plain`,
        [400, 415],
      );
    });
  }

  const listRoutes = routeTable.filter(({ route }) => 'limit' in queryShape(route)).map(({ route }) => route);
  it('finds list routes to test', () => expect(listRoutes.length).toBeGreaterThan(4));
  for (const route of listRoutes) {
    it(`${label(route)}: bad limit and cursor → 400; odd cursors never 5xx`, async () => {
      const path = pathOf(route, world, withService(route));
      for (const limit of ['-1', '0', '1000000000', 'ten', '1.5', '']) {
        await expectErrorBody(await send(route, `${path}?limit=${limit}`), `${label(route)} limit=${limit}`, [400]);
      }
      if (!('cursor' in queryShape(route))) return;
      for (const cursor of ['garbage!', 'e30', encodeCursor([])]) {
        await expectErrorBody(await send(route, `${path}?cursor=${cursor}`), `${label(route)} cursor=${cursor}`, [400]);
      }
      // Shaped like real cursors but holding values Postgres may refuse: an answer, never a 5xx.
      const odd = [
        ['1', someUuid],
        ['-271821-04-20T00:00:00Z', someUuid],
        ['+275760-09-13T00:00:00Z', someUuid],
        [Number.MAX_SAFE_INTEGER],
        [Number.MAX_SAFE_INTEGER, someUuid],
        ['2026-01-01T00:00:00Z', Number.MAX_SAFE_INTEGER],
      ].map((key) => encodeCursor(key));
      for (const cursor of odd) {
        const res = await send(route, `${path}?cursor=${cursor}`);
        if (res.status >= 400) await expectErrorBody(res, `${label(route)} odd cursor`, [400]);
        else expect(res.status, `${label(route)} odd cursor`).toBe(200);
      }
    });
  }

  it('changed nothing of org A', async () => {
    expect(await snapshotOrg(t.db, world.orgA.id)).toEqual(before);
  });
});

/** A valid-looking JSON body for routes that have one (the param is what is under test). */
function jsonIfNeeded(route: Route): { body?: string; headers?: Record<string, string> } {
  return hasJsonBody(route) ? { body: '{}', headers: { 'Content-Type': 'application/json' } } : {};
}

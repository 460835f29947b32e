import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { routeTable } from '../index.ts';
import { createApp } from '../../app.ts';
import { healthRoutes } from '../health/index.ts';
import { openApiRoutes } from './index.ts';
import { buildOpenApiDocument } from './document.ts';

interface Operation {
  operationId?: string;
  security?: unknown[];
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
interface Doc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
}

const methods = ['get', 'post', 'put', 'patch', 'delete', 'options', 'head'];

describe('OpenAPI document and reference page', () => {
  let t: TestContext;
  let doc: Doc;
  beforeAll(async () => {
    t = await createTestContext();
    const res = await t.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    doc = (await res.json()) as Doc;
  });
  afterAll(() => t.close());

  it('documents every route of the route table, once', () => {
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => methods.includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(operations).toHaveLength(routeTable.length);
    const expected = routeTable.map(
      ({ route }) => `${String(route.method).toUpperCase()} ${String(route.path).replace(/:(\w+)/g, '{$1}')}`,
    );
    expect(operations.sort()).toEqual(expected.sort());
  });

  it('declares bearer authentication on every non-public route', () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const { access, route } of routeTable) {
      const op = doc.paths[String(route.path)]![String(route.method)]!;
      // The operator's /metrics takes its own token, and none at all when METRICS_TOKEN is unset.
      const security = { public: [], operator: [{ metricsToken: [] }, {}] }[access.kind as string] ?? [{ bearer: [] }];
      expect(op.security, `${route.method} ${route.path}`).toEqual(security);
      expect(op.responses).toHaveProperty('default');
    }
    expect(doc.components.schemas).toHaveProperty('PublicStatus');
    expect(doc.components.schemas).toHaveProperty('Error');
  });

  it('names every operation once, in camelCase, whatever the order of the table', () => {
    const ids = routeTable.map(({ route }) => doc.paths[String(route.path)]![String(route.method)]!.operationId);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/api/organizations/{orgId}/services']!.get!.operationId).toBe('listServices');
    expect(doc.paths['/api/auth/login']!.post!.operationId).toBe('logIn');
    const reversed = buildOpenApiDocument([...routeTable].reverse());
    for (const [path, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item))
        expect((reversed.paths![path] as Record<string, Operation>)[method]!.operationId).toBe(op.operationId);
  });

  it('documents the error answers that apply, each with the one error schema', () => {
    const error = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
    const statuses = (path: string, method: string) => {
      const op = doc.paths[path]![method]!;
      const codes = Object.keys(op.responses).filter((code) => /^[45]|default/.test(code));
      for (const code of codes) expect(op.responses[code]!.content, `${method} ${path} ${code}`).toEqual(error);
      return codes;
    };
    // Idempotent org write: validation, caller, role, path ids, key in flight (409), body size, key reuse (422).
    expect(statuses('/api/organizations/{orgId}/services/{id}/status', 'post')).toEqual([
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '422',
      'default',
    ]);
    const idempotencyKey = doc.paths['/api/organizations/{orgId}/incidents']!.post!.parameters!.find(
      (p) => p.name === 'Idempotency-Key',
    );
    expect(idempotencyKey).toMatchObject({ in: 'header' });
    expect(statuses('/api/organizations/{orgId}/services', 'get')).toEqual(['400', '401', '403', '404', 'default']);
    expect(statuses('/api/auth/login', 'post')).toEqual(['400', '401', '413', '429', 'default']);
    expect(statuses('/api/auth/me', 'get')).toEqual(['401', '403', 'default']);
    expect(statuses('/api/organizations', 'post')).toContain('409');
    expect(statuses('/metrics', 'get')).toEqual(['401', 'default']);
  });

  it("documents sign-up's answers: 202 for every address; a session (201) and 409 only with an invitation", () => {
    const { responses } = doc.paths['/api/auth/signup']!.post!;
    expect(Object.keys(responses).sort()).toEqual(['201', '202', '400', '401', '409', '413', '429', 'default']);
    const mailed = (responses['202']!.content!['application/json']!.schema as { properties: { data: unknown } })
      .properties.data;
    expect(mailed).toMatchObject({
      properties: {
        access_token: { type: 'null' },
        refresh_token: { type: 'null' },
        user: { type: 'null' },
        email: { type: 'string' },
      },
      required: ['access_token', 'token_type', 'expires_in', 'refresh_token', 'user', 'email'],
    });
    expect(JSON.stringify(responses['201']!.content)).toContain('"access_token":{"type":"string"}');
  });

  it('answers 401 on a public route when a sent token does not verify, as documented', async () => {
    const res = await t.app.request('/api/health', { headers: { Authorization: 'Bearer not-a-token' } });
    expect(res.status).toBe(401);
    expect(doc.paths['/api/health']!.get!.responses).toHaveProperty('401');
  });

  it('serves an offline HTML reference: no scripts, nothing from another host', async () => {
    const res = await t.app.request('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    const tags = html.match(/<(script|link|img|iframe|style)\b[^>]*>/gi) ?? [];
    for (const tag of tags) expect(tag).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?(https?:)?\/\//i);
    // Grouped by tag, with method, path, summary, parameters and schemas.
    expect(html).toContain('id="tag-public"');
    expect(html).toContain('<code>/api/public/status/{orgSlug}</code>');
    expect(html).toContain('Create an API key');
    expect(html).toContain('<h4>Parameters</h4>');
    expect(html).toContain('id="schema-PublicStatus"');
    for (const { route } of routeTable)
      expect(html).toContain(`<code>${String(route.path).replace(/[<>&]/g, '')}</code>`);
  });

  it('documents only the routes its app was created with', async () => {
    const app = createApp(t.deps, [...healthRoutes, ...openApiRoutes]);
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const subset = (await res.json()) as Doc;
    expect(Object.keys(subset.paths).sort()).toEqual(['/api/docs', '/api/health', '/api/openapi.json']);
    const html = await (await app.request('/api/docs')).text();
    expect(html).toContain('<code>/api/health</code>');
    expect(html).not.toContain('<code>/api/public/status/{orgSlug}</code>');
    // The full app keeps its own document: each app caches its own.
    const full = (await (await t.app.request('/api/openapi.json')).json()) as Doc;
    expect(Object.keys(full.paths).length).toBe(Object.keys(doc.paths).length);
  });
});

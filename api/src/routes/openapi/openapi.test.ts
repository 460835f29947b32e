import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { routeTable } from '../index.ts';
import { createApp } from '../../app.ts';
import { healthRoutes } from '../health/index.ts';
import { openApiRoutes } from './index.ts';

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
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

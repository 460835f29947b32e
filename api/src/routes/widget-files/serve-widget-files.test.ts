import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { immutableCacheControl, stableCacheControl } from './serve-widget-files.ts';

let t: TestContext;
let manifest: { entry: string; hashed: string[] };

beforeAll(async () => {
  t = await createTestContext();
  // The first request builds the widget when widget/dist is missing or stale (a fresh clone).
  expect((await t.app.request('/widget/status-badge.js')).status).toBe(200);
  manifest = JSON.parse(await readFile(new URL('../../../../widget/dist/manifest.json', import.meta.url), 'utf8'));
}, 120_000);
afterAll(() => t.close());

describe('GET /widget/*', () => {
  it('serves the script under its stable name: JS, short cache, embeddable from any origin', async () => {
    const res = await t.app.request('/widget/status-badge.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('Cache-Control')).toBe(stableCacheControl);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(res.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    const body = await res.text();
    expect(body).toContain('status-badge');
    // The stable name is a copy of the content-hashed entry.
    expect(await (await t.app.request(`/widget/${manifest.entry}`)).text()).toBe(body);
  });

  it('serves the content-hashed entry and every lazy chunk as immutable', async () => {
    expect(manifest.entry).toMatch(/^status-badge-[A-Z0-9]{8}\.js$/);
    expect(manifest.hashed.length).toBeGreaterThan(1);
    for (const name of manifest.hashed) {
      const res = await t.app.request(`/widget/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('Cache-Control'), name).toBe(immutableCacheControl);
      expect(res.headers.get('Content-Type'), name).toBe(
        name.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/plain; charset=utf-8', // license notes
      );
      expect(res.headers.get('Access-Control-Allow-Origin'), name).toBe('*');
    }
    expect(immutableCacheControl).toBe('public, max-age=31536000, immutable');
  });

  it('serves the demo page with the snippet and a badge of each variant', async () => {
    const res = await t.app.request('/widget/demo.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('<script type="module" src="./status-badge.js"></script>');
    for (const variant of ['dot', 'pill', 'card', 'toast']) expect(html).toContain(`variant="${variant}"`);
    for (const theme of ['light', 'dark']) expect(html).toContain(`theme="${theme}"`);
  });

  it('answers 404 for anything the build did not publish, path tricks included', async () => {
    for (const path of [
      '/widget/meta.json',
      '/widget/manifest.json',
      '/widget/.built',
      '/widget/nope.js',
      '/widget/..%2Fpackage.json',
      '/widget/%2e%2e%2fsrc%2fstatus-badge.ts',
      '/widget/..%5C..%5Cpackage.json',
      '/widget/status-badge.js%00.html',
      '/widget/../widget/src/status-badge.ts',
      '/widget/src%2Fstatus-badge.ts',
    ]) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('import');
    }
    // A path with more segments does not match the route at all.
    expect((await t.app.request('/widget/src/status-badge.ts')).status).toBe(404);
  });
});

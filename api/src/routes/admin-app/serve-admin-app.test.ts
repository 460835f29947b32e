import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { defaultAdminDistDir } from './serve-admin-app.ts';

// The admin build (admin/dist) is made by the tests' global setup, as `npm start` makes it.
describe('the admin SPA at /admin/ (embedded default)', () => {
  let t: TestContext;
  const indexHtml = readFileSync(join(defaultAdminDistDir, 'index.html'), 'utf8');
  const entry = readdirSync(join(defaultAdminDistDir, 'assets')).find((name) => /^main-[A-Z0-9]+\.js$/.test(name))!;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const get = (path: string) => t.app.request(path);

  it('answers index.html at /admin/ and at any screen path, so deep links work on reload', async () => {
    for (const path of ['/admin/', '/admin', '/admin/services', '/admin/incidents/0f9e/edit', '/admin/nope?x=1']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('Cache-Control')).toBe('no-cache');
      expect(await res.text()).toBe(indexHtml);
    }
  });

  it('protects the document: no referrer (mailed tokens ride in the query), no framing, scripts from itself', async () => {
    const res = await get('/admin/verify-email?token=abc');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(res.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
  });

  it('serves hashed assets as immutable JavaScript; a missing asset is a 404, never the HTML', async () => {
    expect(indexHtml).toContain(`/admin/assets/${entry}`);
    const res = await get(`/admin/assets/${entry}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    const missing = await get('/admin/assets/main-NOTBUILT.js');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('never reads outside admin/dist, however the path is spelled', async () => {
    const packageJson = readFileSync(join(defaultAdminDistDir, '..', 'package.json'), 'utf8');
    const attempts = [
      '/admin/assets/../../package.json',
      '/admin/assets/..%2f..%2fpackage.json',
      '/admin/assets/%2e%2e/%2e%2e/package.json',
      '/admin/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/admin/assets/..%5c..%5cpackage.json',
      '/admin/assets/.built',
      '/admin/assets/%00',
      '/admin/assets/%E0%A4%A',
      '/admin/..%2f..%2fetc/passwd',
      '/admin/assets/....//....//package.json',
    ];
    for (const path of attempts) {
      const res = await get(path);
      const body = await res.text();
      expect([200, 404], path).toContain(res.status);
      // Either the SPA's document or a JSON 404: never the file asked for.
      if (res.status === 200) expect(body, path).toBe(indexHtml);
      expect(body, path).not.toBe(packageJson);
      expect(body, path).not.toContain('root:');
    }
  });

  it('GET / and the mailed links lead to the admin screens, query kept', async () => {
    const home = await get('/');
    expect(home.status).toBe(302);
    expect(home.headers.get('Location')).toBe('/admin/');
    for (const page of ['verify-email', 'reset-password', 'accept-invitation']) {
      const res = await get(`/${page}?token=abc_DEF-123`);
      expect(res.status, page).toBe(302);
      expect(res.headers.get('Location')).toBe(`/admin/${page}?token=abc_DEF-123`);
      expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    }
    // Other methods and paths keep the API's JSON answers.
    expect((await t.app.request('/verify-email', { method: 'POST' })).status).toBe(404);
    expect((await get('/nothing-here')).status).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../test-app.ts';
import type { TenantWorld } from '../fixtures.ts';
import { openAdminWorld } from './admin-world.ts';

// A known path with a method it does not take is 405 with Allow (RFC 9110 §15.5.6), not a 404 that
// says the resource is not there.
describe('a route called with the wrong method', () => {
  let t: TestContext;
  let world: TenantWorld;
  let auth: Record<string, string>;

  beforeAll(async () => {
    ({ t, world, auth } = await openAdminWorld());
  });
  afterAll(() => t.close());

  it('answers 405 with Allow and the error body', async () => {
    const res = await t.app.request(`/api/organizations/${world.orgA.id}/services`, { method: 'PATCH', headers: auth });
    expect(res.status).toBe(405);
    expect(res.headers.get('Allow')).toBe('GET, POST');
    const body = (await res.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe('method_not_allowed');
    expect(body.error.requestId).toBeTruthy();
  });

  it('names every method of a path with parameters', async () => {
    const res = await t.app.request(`/api/organizations/${world.orgA.id}/incidents/${crypto.randomUUID()}`, {
      method: 'POST',
      headers: auth,
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('Allow')).toBe('DELETE, GET, PUT');
  });

  it('still answers 404 for a path no route has', async () => {
    const res = await t.app.request('/api/nowhere', { method: 'GET' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});

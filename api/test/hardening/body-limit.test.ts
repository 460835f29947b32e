import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../test-app.ts';
import type { TenantWorld } from '../fixtures.ts';
import { openAdminWorld } from './admin-world.ts';
import { maxJsonBodyBytes } from '../../src/http/body-limit.ts';

// Without a cap, a multi-megabyte JSON body is read and parsed in full before zod refuses it.
describe('request body size', () => {
  let t: TestContext;
  let world: TenantWorld;
  let headers: Record<string, string>;

  beforeAll(async () => {
    ({ t, world, json: headers } = await openAdminWorld());
  });
  afterAll(() => t.close());

  const huge = () => JSON.stringify({ name: 'x'.repeat(maxJsonBodyBytes), slug: 'huge-body' });

  it('refuses a body over the cap with 413 and the error body (streamed, no Content-Length)', async () => {
    const res = await t.app.request(`/api/organizations/${world.orgA.id}/services`, {
      method: 'POST',
      headers,
      body: huge(),
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe('payload_too_large');
    expect(body.error.requestId).toBeTruthy();
  });

  it('refuses by Content-Length before reading, on public routes too', async () => {
    const body = huge();
    const res = await t.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) },
      body,
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('still accepts a normal body', async () => {
    const res = await t.app.request(`/api/organizations/${world.orgA.id}/services`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'API', slug: 'api' }),
    });
    expect(res.status).toBe(201);
  });
});

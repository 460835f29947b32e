import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../test-app.ts';
import type { TenantWorld } from '../fixtures.ts';
import { openAdminWorld } from './admin-world.ts';

// A small body can nest deeply: '['.repeat(200_000) is 200 KB. Anything that walks it recursively
// (the Idempotency-Key request fingerprint did) overflows the stack: that must be a 400, not a 500.
describe('deeply nested JSON bodies', () => {
  let t: TestContext;
  let world: TenantWorld;
  let headers: Record<string, string>;
  let serviceId: string;

  beforeAll(async () => {
    ({ t, world, json: headers, serviceId } = await openAdminWorld());
  });
  afterAll(() => t.close());

  const depth = 200_000;
  const deep = `{"status":"major_outage","extra":${'['.repeat(depth)}${']'.repeat(depth)}}`;

  for (const idempotencyKey of [undefined, 'deep-1']) {
    it(`answers 400 on an idempotent route ${idempotencyKey ? 'with' : 'without'} an Idempotency-Key`, async () => {
      const res = await t.app.request(`/api/organizations/${world.orgA.id}/services/${serviceId}/status`, {
        method: 'POST',
        headers: { ...headers, ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}) },
        body: deep,
      });
      const text = await res.text();
      expect(res.status, text.slice(0, 300)).toBeLessThan(500);
      expect(res.status).toBe(400);
      expect((JSON.parse(text) as { error: { code: string } }).error.code).toMatch(/bad_request|validation_failed/);
    });
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../test-app.ts';
import type { TenantWorld } from '../fixtures.ts';
import { openAdminWorld } from './admin-world.ts';
import { snapshotOrg } from '../route-matrix/snapshot.ts';

// Postgres refuses a NUL character in text and jsonb (SQLSTATE 22021 / 22P05) although JSON allows
// "\u0000": such input is the caller's mistake and must answer 400 with the error body, not a 500.
describe('a NUL character in a text field', () => {
  let t: TestContext;
  let world: TenantWorld;
  let headers: Record<string, string>;
  let base: string;
  let serviceId: string;

  beforeAll(async () => {
    ({ t, world, json: headers, base, serviceId } = await openAdminWorld());
  });
  afterAll(() => t.close());

  const cases: Array<[string, string, () => string, Record<string, unknown>]> = [
    ['POST', 'services', () => `${base}/services`, { name: 'api\u0000gateway', slug: 'nul-service' }],
    ['PUT', 'services/:id', () => `${base}/services/${serviceId}`, { description: 'a\u0000b' }],
    ['PUT', 'organization', () => base, { name: 'Acme\u0000' }],
    ['POST', 'service-groups', () => `${base}/service-groups`, { name: 'grp\u0000' }],
    [
      'POST',
      'incidents',
      () => `${base}/incidents`,
      { title: 'Down\u0000', status: 'investigating', impact: 'minor', services: [], message: 'x\u0000' },
    ],
    [
      'POST',
      'services/:id/status',
      () => `${base}/services/${serviceId}/status`,
      { status: 'major_outage', message: 'm\u0000' },
    ],
  ];

  for (const [method, name, path, body] of cases) {
    it(`${method} ${name} answers 400 with the error body and changes nothing`, async () => {
      const before = await snapshotOrg(t.db, world.orgA.id);
      const res = await t.app.request(path(), { method, headers, body: JSON.stringify(body) });
      const text = await res.text();
      expect(res.status, text).toBe(400);
      const parsed = JSON.parse(text) as { error: { code: string; requestId: string } };
      expect(parsed.error.code).toBe('validation_failed');
      expect(parsed.error.requestId).toBeTruthy();
      expect(text).not.toMatch(/0x00|UTF8|encoding|unicode/i);
      expect(await snapshotOrg(t.db, world.orgA.id)).toEqual(before);
    });
  }
});

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import type { PublicStatus } from '../../contract/public-status.ts';
import { createPublicWorld, write, type PublicWorld } from './test-kit.ts';
import { asSystem } from '../../db/doors.ts';

describe('GET /api/public/status/:orgSlug', () => {
  let t: TestContext;
  let w: PublicWorld;
  const get = (slug = w.org.slug, headers: Record<string, string> = {}) =>
    t.app.request(`/api/public/status/${slug}`, { headers });
  const snapshot = async (slug?: string) => ((await (await get(slug)).json()) as { data: PublicStatus }).data;

  beforeAll(async () => {
    t = await createTestContext();
    w = await createPublicWorld(t.db);
  });
  afterAll(() => t.close());

  it('shows an incident affecting a public and a private service without the private one, and hides one affecting only the private service', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    const text = await res.text();
    const data = (JSON.parse(text) as { data: PublicStatus }).data;
    expect(data.incidents.map((i) => i.id)).toEqual([w.both]);
    expect(data.incidents[0]!.services).toEqual([{ service_id: w.api, name: 'API', status: 'partial_outage' }]);
    expect(data.incidents[0]!.updates.map((u) => u.message)).toEqual(['Looking into Login errors']);
    expect(data.services.map((s) => s.id)).toEqual([w.api, w.web]);
    // Nothing of the private service or its incident or window anywhere in the bytes.
    for (const secret of [
      w.secret,
      w.privateOnly,
      w.privateWindow,
      'Secret Billing',
      'Secret billing outage',
      'secret-billing',
      'Secret ledger',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('carries the org, groups, maintenances, recently resolved incidents, indicator and seq', async () => {
    const data = await snapshot();
    expect(data.organization).toMatchObject({
      id: w.org.id,
      slug: w.org.slug,
      has_logo: false,
      logo_url: null,
      time_zone: 'UTC',
    });
    expect(data.groups).toEqual([
      expect.objectContaining({ id: w.group, name: 'Core', status: 'partial_outage', service_ids: [w.api] }),
    ]);
    expect(data.active_maintenances.map((m) => [m.id, m.services])).toEqual([
      [w.active, [{ service_id: w.web, name: 'Web' }]],
    ]);
    expect(data.upcoming_maintenances.map((m) => m.id)).toEqual([w.upcoming]);
    expect(data.recently_resolved_incidents.map((i) => i.id)).toEqual([w.resolved]);
    // The private service's major outage and critical incident do not count: worst public is partial.
    expect(data.status).toEqual({ indicator: 'major', description: 'Partial System Outage' });
    const [org] = await asSystem(t.db, 'test', (tx) =>
      tx.query<{ seq: number }>('select last_event_seq as seq from public.organizations where id = $1', [w.org.id]),
    );
    expect(data.seq).toBe(Number(org!.seq));
    expect(data.services[0]!.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('answers with ETag, short public caching, CORS for any origin without credentials, and CORP cross-origin', async () => {
    const res = await get(undefined, { Origin: 'https://customer.example' });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('cache-control')).toBe('public, max-age=5, stale-while-revalidate=30');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{8}-\d+-[\w-]+"$/);
    const again = await get(undefined, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    expect((await get(undefined, { 'If-None-Match': `"other", W/${etag}` })).status).toBe(304);
    expect((await get(undefined, { 'If-None-Match': '"other"' })).status).toBe(200);
  });

  it('is served from memory: a change without an event is not seen, the next event shows it', async () => {
    const before = await get();
    const etag = before.headers.get('etag')!;
    await asSystem(t.db, 'test', (tx) => tx.query(`update public.services set name = 'API v2' where id = $1`, [w.api]));
    expect((await snapshot()).services[0]!.name).toBe('API');
    await write(t.db, w.org.id, async () => {});
    // The notification arrives asynchronously on PostgreSQL (its own connection): wait for it.
    await vi.waitFor(async () => expect((await snapshot()).services[0]!.name).toBe('API v2'), {
      timeout: 5000,
      interval: 20,
    });
    const after = await get(undefined, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('shows the maintenance indicator when a window runs and nothing is worse', async () => {
    await write(t.db, w.org.id, async (tx) => {
      await tx.query(`update public.services set status = 'operational' where id = $1`, [w.api]);
      await tx.query(`update public.incidents set status = 'resolved', resolved_at = now() where id = $1`, [w.both]);
    });
    await vi.waitFor(
      async () =>
        expect((await snapshot()).status).toEqual({
          indicator: 'maintenance',
          description: 'Service Under Maintenance',
        }),
      {
        timeout: 5000,
        interval: 20,
      },
    );
    const data = await snapshot();
    expect(data.incidents).toEqual([]);
    expect(data.recently_resolved_incidents.map((i) => i.id).sort()).toEqual([w.both, w.resolved].sort());
  });

  it('answers an unknown slug with 404 and the error body, CORS included', async () => {
    for (const slug of ['no-such-org', 'Not_A_Slug']) {
      const res = await get(slug);
      expect(res.status).toBe(404);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      const body = (await res.json()) as { error: { code: string; requestId: string } };
      expect(body.error.code).toBe('not_found');
    }
  });

  it('ignores a session: a signed-in caller gets the same public bytes', async () => {
    const anonymous = await (await get()).text();
    const { createUser } = await import('../../../test/fixtures.ts');
    const user = await createUser(t.db);
    const token = await t.tokens.sign(user.id, user.email);
    expect(await (await get(undefined, { Authorization: `Bearer ${token}` })).text()).toBe(anonymous);
  });
});

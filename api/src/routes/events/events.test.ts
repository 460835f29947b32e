import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createApiKey, createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';
import { asSystem, withApiKey } from '../../db/doors.ts';
import { appendEvent } from '../../db/events.ts';

interface Page {
  data: {
    seq: number;
    type: string;
    payload: Record<string, unknown>;
    actor: { type: string; id?: string };
    created_at: string;
  }[];
  next_cursor: string | null;
}

describe('GET /api/organizations/:orgId/events', () => {
  let t: TestContext;
  let world: TenantWorld;
  let viewer: string;
  let admin: string;
  let keyId: string;
  // As the admin: the fixture's first event (api_key.created) is admin-only (admin-only-events.test.ts).
  const list = async (query = '', token = admin) => {
    const res = await t.app.request(`/api/organizations/${world.orgA.id}/events${query}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Page;
  };

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    viewer = await t.tokens.sign(world.users.viewerA.id, world.users.viewerA.email);
    admin = await t.tokens.sign(world.users.adminA.id, world.users.adminA.email);
    // A user's event (through the API), a key's event and system events, in that order.
    const created = await t.app.request(`/api/organizations/${world.orgA.id}/api-keys`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'audit', scopes: ['incidents:write'] }),
    });
    expect(created.status).toBe(201);
    const key = await createApiKey(t.db, world.orgA.id, ['status:write']);
    keyId = key.id;
    await withApiKey(t.db, { keyId, orgId: world.orgA.id, scopes: ['status:write'] }, (tx) =>
      appendEvent(tx, world.orgA.id, 'service.status_changed', { id: 'x', status: 'major_outage' }),
    );
    for (let i = 0; i < 3; i++)
      await asSystem(t.db, 'scheduler', (tx) => appendEvent(tx, world.orgA.id, 'maintenance.started', { n: i }));
    await asSystem(t.db, 'test', (tx) => appendEvent(tx, world.orgB.id, 'maintenance.started', { other: true }));
  });
  afterAll(() => t.close());

  it('lists the org’s events newest first, and only that org’s', async () => {
    const page = await list();
    expect(page.data.map((e) => e.type)).toEqual([
      'maintenance.started',
      'maintenance.started',
      'maintenance.started',
      'service.status_changed',
      'api_key.created',
    ]);
    const seqs = page.data.map((e) => e.seq);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    expect(JSON.stringify(page)).not.toContain('"other"');
    expect(page.data.at(-1)!.actor).toEqual({ type: 'user', id: world.users.adminA.id });
    expect(page.data[0]!.created_at).toMatch(/Z$/);
  });

  it('pages with limit and cursor without gaps or repeats', async () => {
    const first = await list('?limit=2');
    expect(first.data).toHaveLength(2);
    const second = await list(`?limit=2&cursor=${first.next_cursor}`);
    const third = await list(`?limit=2&cursor=${second.next_cursor}`);
    expect(third.next_cursor).toBeNull();
    const all = await list();
    expect([...first.data, ...second.data, ...third.data].map((e) => e.seq)).toEqual(all.data.map((e) => e.seq));
  });

  it('filters by type, family, actor and time', async () => {
    expect((await list('?type=api_key.created')).data.map((e) => e.type)).toEqual(['api_key.created']);
    expect((await list('?type=maintenance.*')).data).toHaveLength(3);
    expect((await list('?type=maintenance')).data).toHaveLength(3);
    expect((await list(`?actor=${world.users.adminA.id}`)).data.map((e) => e.type)).toEqual(['api_key.created']);
    expect((await list(`?actor=${keyId}`)).data.map((e) => e.type)).toEqual(['service.status_changed']);
    expect((await list('?actor=system')).data).toHaveLength(3);
    const all = await list();
    const newest = all.data[0]!.created_at;
    expect(
      (
        await list(
          `?from=${encodeURIComponent('2000-01-01T00:00:00Z')}&to=${encodeURIComponent('2000-01-02T00:00:00Z')}`,
        )
      ).data,
    ).toEqual([]);
    expect((await list(`?from=${encodeURIComponent(newest)}`)).data.length).toBeGreaterThan(0);
  });

  it('is readable with a read key, refused to outsiders and keys without read', async () => {
    const reader = await createApiKey(t.db, world.orgA.id, ['read']);
    expect((await list('', reader.secret)).data.length).toBeGreaterThan(0);
    const metrics = await createApiKey(t.db, world.orgA.id, ['metrics:read']);
    const outsider = await t.tokens.sign(world.users.outsider.id, world.users.outsider.email);
    for (const token of [metrics.secret, outsider]) {
      const res = await t.app.request(`/api/organizations/${world.orgA.id}/events`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(403);
    }
    const bad = await t.app.request(`/api/organizations/${world.orgA.id}/events?cursor=nope&type=Bad-Type`, {
      headers: { Authorization: `Bearer ${viewer}` },
    });
    expect(bad.status).toBe(400);
  });
});

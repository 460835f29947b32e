import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createApiKey, createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';

// Invitations and API keys are admin-only (docs/architecture.md, "Who may do what"): their events must
// not hand a viewer, member or read key what the admin-only routes refuse them (an invitee's email,
// key names and scopes).
describe('GET .../events hides admin-only event families from non-admins', () => {
  let t: TestContext;
  let world: TenantWorld;
  const tokens: Record<string, string> = {};
  const invitee = 'pending-invitee@example.test';

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    for (const name of ['viewerA', 'memberA', 'adminA'] as const) {
      tokens[name] = await t.tokens.sign(world.users[name].id, world.users[name].email);
    }
    tokens.readKey = (await createApiKey(t.db, world.orgA.id, ['read'])).secret;
    const headers = { Authorization: `Bearer ${tokens.adminA}`, 'Content-Type': 'application/json' };
    const base = `/api/organizations/${world.orgA.id}`;
    const invited = await t.app.request(`${base}/members`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: invitee, role: 'viewer' }),
    });
    expect(invited.status).toBe(201);
    const key = await t.app.request(`${base}/api-keys`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'deploy bot', scopes: ['status:write'] }),
    });
    expect(key.status).toBe(201);
    const group = await t.app.request(`${base}/service-groups`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Core' }),
    });
    expect(group.status).toBe(201);
  });
  afterAll(() => t.close());

  const types = async (token: string, query = '') => {
    const res = await t.app.request(`/api/organizations/${world.orgA.id}/events${query}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    return { text, types: (JSON.parse(text) as { data: { type: string }[] }).data.map((e) => e.type) };
  };

  it('shows them to admins', async () => {
    const { types: seen } = await types(tokens.adminA!);
    expect(seen).toEqual(expect.arrayContaining(['invitation.created', 'api_key.created', 'service_group.created']));
  });

  for (const caller of ['viewerA', 'memberA', 'readKey']) {
    it(`hides them from ${caller}, even when asked for by type`, async () => {
      const all = await types(tokens[caller]!);
      expect(all.types).toContain('service_group.created');
      expect(all.types.filter((type) => /^(invitation|api_key)\./.test(type))).toEqual([]);
      expect(all.text).not.toContain(invitee);
      expect(all.text).not.toContain('deploy bot');
      expect((await types(tokens[caller]!, '?type=invitation.*')).types).toEqual([]);
      expect((await types(tokens[caller]!, '?type=api_key.created')).types).toEqual([]);
    });
  }
});

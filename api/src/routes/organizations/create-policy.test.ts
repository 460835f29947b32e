import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { addMember, createOrg, createUser } from '../../../test/fixtures.ts';

// With SIGNUP=invite or closed the instance is private: like Grafana's allow_org_create=false, new
// tenants (public pages on the operator's domain) come only from people who already run one here.
for (const signup of ['closed', 'invite'] as const) {
  describe(`POST /api/organizations with SIGNUP=${signup}`, () => {
    let t: TestContext;
    beforeAll(async () => {
      t = await createTestContext({ SIGNUP: signup });
    });
    afterAll(() => t.close());

    const create = async (userId: string, email: string, slug: string) =>
      t.app.request('/api/organizations', {
        method: 'POST',
        headers: { Authorization: `Bearer ${await t.tokens.sign(userId, email)}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: slug, slug }),
      });

    it('refuses a user who administers no org here (an invited member or viewer), creating nothing', async () => {
      const org = await createOrg(t.db);
      const user = await createUser(t.db);
      await addMember(t.db, org.id, user.id, 'member');
      const res = await create(user.id, user.email, `nope-${signup}`);
      expect(res.status).toBe(403);
      const body = (await res.json()) as { error: { code: string; details: unknown } };
      expect(body.error.code).toBe('forbidden');
      expect(body.error.details).toEqual({ reason: 'org_creation_restricted' });
      const rows = await t.db.query('select 1 from public.organizations where slug = $1', [`nope-${signup}`]);
      expect(rows).toHaveLength(0);
    });

    it('lets an admin of an org create another', async () => {
      const org = await createOrg(t.db);
      const user = await createUser(t.db);
      await addMember(t.db, org.id, user.id, 'admin');
      const res = await create(user.id, user.email, `second-${signup}`);
      expect(res.status).toBe(201);
    });
  });
}

describe('POST /api/organizations with SIGNUP=open', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ SIGNUP: 'open' });
  });
  afterAll(() => t.close());

  it('lets any signed-in user create an org', async () => {
    const user = await createUser(t.db);
    const res = await t.app.request('/api/organizations', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await t.tokens.sign(user.id, user.email)}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ name: 'Fresh', slug: 'fresh-org' }),
    });
    expect(res.status).toBe(201);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { seedDemo, demoAdmin } from '../../db/seed.ts';
import { authClient } from './test-client.ts';

describe('the demo admin of the seed', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.db);
  });
  afterAll(() => t.close());

  it('logs in with the password the start banner prints, and /me lists the demo org as admin', async () => {
    const api = authClient(t.app);
    const login = await api.post('/api/auth/login', { email: demoAdmin.email, password: demoAdmin.password });
    expect(login.status).toBe(200);
    expect(login.body.data.user).toMatchObject({ email: demoAdmin.email, email_verified: true });
    const me = await api.get('/api/auth/me', login.body.data.access_token);
    expect(me.body.data.organizations).toEqual(
      expect.arrayContaining([expect.objectContaining({ slug: 'demo', role: 'admin' })]),
    );
  });
});

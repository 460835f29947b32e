import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { refreshReuseGraceMs } from '../../auth/refresh-tokens.ts';
import { authClient, signUpConfirmed } from './test-client.ts';

// Two tabs of the admin share one stored refresh token; both may refresh it at the same moment.
describe('refresh token rotation: grace period for a token just rotated', () => {
  let t: TestContext;
  let api: ReturnType<typeof authClient>;
  const password = 'two-tabs-open-2024';
  beforeAll(async () => {
    t = await createTestContext();
    api = authClient(t.app);
  });
  afterAll(() => t.close());

  async function signIn(email: string): Promise<string> {
    const session = await signUpConfirmed(api, t.dataDir, { email, password });
    return session.refresh_token as string;
  }

  it('two refreshes of one token at once both answer a working session of the same family', async () => {
    const token = await signIn('tabs@example.test');
    const [a, b] = await Promise.all([
      api.post('/api/auth/refresh', { refresh_token: token }),
      api.post('/api/auth/refresh', { refresh_token: token }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const tabA = a.body.data.refresh_token as string;
    const tabB = b.body.data.refresh_token as string;
    expect(tabA).not.toBe(tabB);
    expect(a.body.data.user.email).toBe('tabs@example.test');
    // Both successors keep working, and signing out one tab ends the one session they share.
    const nextA = await api.post('/api/auth/refresh', { refresh_token: tabA });
    expect(nextA.status).toBe(200);
    const nextB = await api.post('/api/auth/refresh', { refresh_token: tabB });
    expect(nextB.status).toBe(200);
    const logout = await api.post(
      '/api/auth/logout',
      { refresh_token: nextA.body.data.refresh_token },
      nextA.body.data.access_token,
    );
    expect(logout.status).toBe(204);
    expect((await api.post('/api/auth/refresh', { refresh_token: nextB.body.data.refresh_token })).status).toBe(401);
  });

  it('a second use at the end of the window still works; the window counts from the first use', async () => {
    const token = await signIn('late-tab@example.test');
    expect((await api.post('/api/auth/refresh', { refresh_token: token })).status).toBe(200);
    t.clock.advance(refreshReuseGraceMs);
    const late = await api.post('/api/auth/refresh', { refresh_token: token });
    expect(late.status).toBe(200);
    // The in-grace exchange did not restart the window: one millisecond later it is a reuse.
    t.clock.advance(1);
    expect((await api.post('/api/auth/refresh', { refresh_token: token })).status).toBe(401);
    expect((await api.post('/api/auth/refresh', { refresh_token: late.body.data.refresh_token })).status).toBe(401);
  });

  it('a reuse after the window revokes the whole family, the newest token too', async () => {
    const token = await signIn('thief@example.test');
    const first = await api.post('/api/auth/refresh', { refresh_token: token });
    expect(first.status).toBe(200);
    t.clock.advance(refreshReuseGraceMs + 1);
    const reuse = await api.post('/api/auth/refresh', { refresh_token: token });
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('unauthorized');
    expect((await api.post('/api/auth/refresh', { refresh_token: first.body.data.refresh_token })).status).toBe(401);
  });
});

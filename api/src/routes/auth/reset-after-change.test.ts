import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { mailedToken } from '../../../test/mailbox.ts';
import { authClient, signUpConfirmed } from './test-client.ts';

// A reset link mailed before a password change must not outlive it: whoever read that mail (an old
// mailbox compromise, a shared inbox) could otherwise undo the change within the link's hour.
describe('a password change ends pending reset links', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('refuses a reset link mailed before the change', async () => {
    const api = authClient(t.app);
    const email = 'changer@example.test';
    const session = await signUpConfirmed(api, t.dataDir, { email, password: 'first-password-123' });
    expect((await api.post('/api/auth/password-reset', { email })).status).toBe(204);
    const token = await mailedToken(t.dataDir, email, '/reset-password');

    const change = await api.post(
      '/api/auth/password',
      { old_password: 'first-password-123', new_password: 'second-password-456' },
      session.access_token,
    );
    expect(change.status).toBe(200);

    const confirm = await api.post('/api/auth/password-reset/confirm', { token, password: 'attacker-password-789' });
    expect(confirm.status).toBe(400);
    expect((await api.post('/api/auth/login', { email, password: 'second-password-456' })).status).toBe(200);
    expect((await api.post('/api/auth/login', { email, password: 'attacker-password-789' })).status).toBe(401);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createUser } from '../../test/fixtures.ts';

/** The value of one series of the operator's /metrics (exact name and labels), or undefined. */
async function series(t: TestContext, line: string): Promise<number | undefined> {
  const text = await (await t.app.request('/metrics')).text();
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.split(' ').at(-1));
}

describe('outbox metrics on /metrics', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('depth and oldest age follow the queue; attempts are counted by kind and outcome', async () => {
    expect(await series(t, 'lantern_outbox_depth{kind="email"}')).toBe(0);
    expect(await series(t, 'lantern_outbox_oldest_pending_age_seconds')).toBe(0);
    const user = await createUser(t.db);
    const res = await t.app.request('/api/auth/password-reset', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: user.email }),
    });
    expect(res.status).toBe(204);
    expect(await series(t, 'lantern_outbox_depth{kind="password-reset"}')).toBe(1);
    expect(await series(t, 'lantern_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(0);
    await t.deps.outbox!.drain();
    expect(await series(t, 'lantern_outbox_depth{kind="password-reset"}')).toBeUndefined();
    expect(await series(t, 'lantern_outbox_depth{kind="email"}')).toBe(0);
    expect(await series(t, 'lantern_outbox_deliveries_total{kind="password-reset",outcome="delivered"}')).toBe(1);
    expect(await series(t, 'lantern_outbox_deliveries_total{kind="email",outcome="delivered"}')).toBe(1);
    expect(await series(t, 'lantern_outbox_deliveries_total{kind="email",outcome="retry"}')).toBe(0);
  });
});

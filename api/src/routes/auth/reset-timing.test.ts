import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createUser } from '../../../test/fixtures.ts';
import { median } from '../../../test/median.ts';

/**
 * The reset request answers in the same time for an address with an account and one without: the
 * mail goes to the outbox in the token's transaction, so the request never waits for a mail server
 * (here a real SMTP URL whose server never answers: a request that waited would hang). 50 requests
 * each, interleaved, each to its own address (the per-address mail limit would otherwise answer
 * the repeats early); the medians must lie within a generous factor of each other.
 */
describe('password reset request: known and unknown addresses answer alike', () => {
  let t: TestContext;
  const known: string[] = [];
  beforeAll(async () => {
    // Port 9 (discard) on loopback: nothing listens, and nothing is sent during the requests anyway.
    t = await createTestContext({ RATE_LIMIT_LOGIN_PER_IP: '1000', SMTP_URL: 'smtp://127.0.0.1:9' });
    for (let i = 0; i < 50; i++) known.push((await createUser(t.db, `known-${i}@example.test`)).email);
  });
  afterAll(() => t.close());

  const request = async (email: string) => {
    const started = performance.now();
    const res = await t.app.request('/api/auth/password-reset', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    const ms = performance.now() - started;
    expect(res.status).toBe(204);
    return ms;
  };

  it('50 requests each: medians within a factor of 3; the worker mails only the known ones', async () => {
    // Warm up both paths (first queries plan and cache).
    await request('warm-up-unknown@example.test');
    await request(known[0]!);
    await t.db.query(`delete from private.outbox`);
    const knownMs: number[] = [];
    const unknownMs: number[] = [];
    for (let i = 0; i < 50; i++) {
      knownMs.push(await request(known[i]!));
      unknownMs.push(await request(`nobody-${i}@example.test`));
    }
    const [k, u] = [median(knownMs), median(unknownMs)];
    console.info(`reset request medians over 50 each: known ${k.toFixed(2)} ms, unknown ${u.toFixed(2)} ms`);
    expect(Math.max(k, u) / Math.min(k, u)).toBeLessThan(3);
    // Every request left the same one row; the worker then mails the 50 accounts and nobody else.
    const [queued] = await t.db.query<{ count: number }>(
      `select count(*)::int as count from private.outbox where kind = 'password-reset' and state = 'pending'`,
    );
    expect(queued!.count).toBe(100);
    // The mails then fail against the closed port and wait for a retry: drain ends.
    await t.deps.outbox!.drain();
    const mails = await t.db.query<{ to: string }>(
      `select payload ->> 'to' as to from private.outbox where kind = 'email'`,
    );
    expect(mails.map((m) => m.to).sort()).toEqual([...known].sort());
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createUser } from '../../../test/fixtures.ts';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Sign-up tells nobody whether an address has an account: the same status and body, in about the
 * same time (both paths hash the password and write one outbox row in one transaction), and the
 * difference goes by mail only. 30 sign-ups each, interleaved, each to its own address.
 */
describe('sign-up: known and unknown addresses answer alike', () => {
  let t: TestContext;
  const known: string[] = [];
  beforeAll(async () => {
    t = await createTestContext({ RATE_LIMIT_LOGIN_PER_IP: '1000' });
    for (let i = 0; i < 30; i++) known.push((await createUser(t.db, `known-${i}@example.test`)).email);
  });
  afterAll(() => t.close());

  const signUp = async (email: string) => {
    const started = performance.now();
    const res = await t.app.request('/api/auth/signup', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: 'a-long-enough-passphrase' }),
    });
    const ms = performance.now() - started;
    return { ms, status: res.status, body: (await res.json()) as { data: Record<string, unknown> } };
  };

  it('30 each: the same status and body, medians within a factor of 3; the mails tell them apart', async () => {
    // Warm up both paths (first queries plan and cache).
    await signUp('warm-up-unknown@example.test');
    await signUp(known[0]!);
    await t.db.query(`delete from private.outbox`);
    const knownMs: number[] = [];
    const unknownMs: number[] = [];
    for (let i = 0; i < 30; i++) {
      const fresh = `nobody-${i}@example.test`;
      const [a, b] = [await signUp(known[i]!), await signUp(fresh)];
      expect(a.status).toBe(202);
      expect(b.status).toBe(202);
      expect({ ...a.body.data, email: fresh }).toEqual(b.body.data);
      knownMs.push(a.ms);
      unknownMs.push(b.ms);
    }
    const [k, u] = [median(knownMs), median(unknownMs)];
    console.info(`sign-up medians over 30 each: known ${k.toFixed(2)} ms, unknown ${u.toFixed(2)} ms`);
    expect(Math.max(k, u) / Math.min(k, u)).toBeLessThan(3);
    const mails = await t.db.query<{ to: string; subject: string }>(
      `select payload ->> 'to' as to, payload ->> 'subject' as subject from private.outbox where kind = 'email'`,
    );
    const subjectsTo = (addresses: string[]) => mails.filter((m) => addresses.includes(m.to)).map((m) => m.subject);
    expect(subjectsTo(known)).toEqual(Array(30).fill('You already have a Lantern account'));
    expect(subjectsTo(Array.from({ length: 30 }, (_, i) => `nobody-${i}@example.test`))).toEqual(
      Array(30).fill('Confirm your email address for Lantern'),
    );
    expect(mails).toHaveLength(60);
  });
});

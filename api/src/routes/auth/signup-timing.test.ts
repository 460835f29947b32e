import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createUser } from '../../../test/fixtures.ts';
import { median } from '../../../test/median.ts';

/**
 * Sign-up tells nobody whether an address has an account: the same status and body, in about the
 * same time (every path hashes the password and writes one outbox row in one transaction), and the
 * difference goes by mail only. 30 sign-ups each — a confirmed account, a new address, an account
 * signed up once and not confirmed — interleaved, each to its own address (the per-address mail
 * limit would otherwise answer repeats early).
 */
describe('sign-up: known, unknown and unconfirmed addresses answer alike', () => {
  let t: TestContext;
  const known: string[] = [];
  const unconfirmed = Array.from({ length: 30 }, (_, i) => `unconfirmed-${i}@example.test`);
  beforeAll(async () => {
    t = await createTestContext({ RATE_LIMIT_LOGIN_PER_IP: '1000' });
    for (let i = 0; i < 30; i++) known.push((await createUser(t.db, `known-${i}@example.test`)).email);
    for (const email of unconfirmed) expect((await signUp(email)).status).toBe(202);
  }, 120_000);
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
    // Warm up every path (first queries plan and cache).
    await signUp('warm-up-unknown@example.test');
    await signUp('warm-up-unknown@example.test');
    await signUp(known[0]!);
    await t.db.query(`delete from private.outbox`);
    const knownMs: number[] = [];
    const unknownMs: number[] = [];
    const unconfirmedMs: number[] = [];
    for (let i = 0; i < 30; i++) {
      const fresh = `nobody-${i}@example.test`;
      const [a, b, c] = [await signUp(known[i]!), await signUp(fresh), await signUp(unconfirmed[i]!)];
      expect([a.status, b.status, c.status]).toEqual([202, 202, 202]);
      expect({ ...a.body.data, email: fresh }).toEqual(b.body.data);
      expect({ ...c.body.data, email: fresh }).toEqual(b.body.data);
      knownMs.push(a.ms);
      unknownMs.push(b.ms);
      unconfirmedMs.push(c.ms);
    }
    const [k, u, c] = [median(knownMs), median(unknownMs), median(unconfirmedMs)];
    console.info(
      `sign-up medians over 30 each: known ${k.toFixed(2)} ms, unknown ${u.toFixed(2)} ms, unconfirmed ${c.toFixed(2)} ms`,
    );
    expect(Math.max(k, u, c) / Math.min(k, u, c)).toBeLessThan(3);
    const mails = await t.db.query<{ to: string; subject: string }>(
      `select payload ->> 'to' as to, payload ->> 'subject' as subject from private.outbox where kind = 'email'`,
    );
    const subjectsTo = (addresses: string[]) => mails.filter((m) => addresses.includes(m.to)).map((m) => m.subject);
    expect(subjectsTo(known)).toEqual(Array(30).fill('You already have a Lantern account'));
    expect(subjectsTo(Array.from({ length: 30 }, (_, i) => `nobody-${i}@example.test`))).toEqual(
      Array(30).fill('Confirm your email address for Lantern'),
    );
    expect(subjectsTo(unconfirmed)).toEqual(Array(30).fill('Confirm your email address for Lantern'));
    expect(mails).toHaveLength(90);
  });
});

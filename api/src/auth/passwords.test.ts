import { describe, expect, it } from 'vitest';
import { hashPassword, passwordHashesInFlight, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('hashes with Argon2id at m=19456, t=2, p=1 and verifies', async () => {
    const stored = await hashPassword('correct-horse-battery');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'correct-horse-battery')).toBe(true);
    expect(await verifyPassword(stored, 'correct-horse-batterY')).toBe(false);
  });

  it('answers false for no stored hash or a malformed one, without throwing', async () => {
    expect(await verifyPassword(null, 'anything-at-all')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything-at-all')).toBe(false);
  });

  it('runs at most 4 hashes at once; the rest queue', async () => {
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, passwordHashesInFlight())), 1);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => hashPassword(`password-number-${i}`)));
    clearInterval(sampler);
    expect(new Set(results).size).toBe(12);
    // Twelve asked at once: exactly four ran together (the cap), never more.
    expect(peak).toBe(4);
    expect(passwordHashesInFlight()).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { median } from '../../../test/median.ts';
import { authClient, signUpConfirmed } from './test-client.ts';

/** The bindings @hono/node-server passes for a request from `ip` (app.request() has none). */
const from = (ip: string) => ({ incoming: { socket: { remoteAddress: ip, remotePort: 40000, remoteFamily: 'IPv4' } } });
const password = 'correct-horse-battery';

describe('login limits and uniform failures', () => {
  let t: TestContext;
  let api: ReturnType<typeof authClient>;
  beforeAll(async () => {
    t = await createTestContext();
    api = authClient(t.app);
    await signUpConfirmed(api, t.dataDir, { email: 'known@example.test', password });
    // Signed up, never confirmed: the right password still gets the one failure answer.
    expect((await api.post('/api/auth/signup', { email: 'pending@example.test', password })).status).toBe(202);
  });
  afterAll(() => t.close());

  it('answers a wrong password, an unknown email and an unconfirmed address with the same body', async () => {
    const wrong = await api.post(
      '/api/auth/login',
      { email: 'known@example.test', password: 'wrong-password-123' },
      undefined,
      from('198.51.100.1'),
    );
    const unknown = await api.post(
      '/api/auth/login',
      { email: 'unknown@example.test', password: 'wrong-password-123' },
      undefined,
      from('198.51.100.1'),
    );
    const unconfirmed = await api.post(
      '/api/auth/login',
      { email: 'pending@example.test', password },
      undefined,
      from('198.51.100.1'),
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unconfirmed.status).toBe(401);
    const strip = (body: { error: Record<string, unknown> }) => ({ ...body.error, requestId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(strip(unconfirmed.body)).toEqual(strip(unknown.body));
    expect(wrong.body.error).toEqual({
      code: 'unauthorized',
      message: 'Wrong email or password, or the address is not confirmed yet (open the link in the confirmation mail)',
      requestId: expect.any(String),
    });
  });

  it('takes about the same time for a wrong password, an unknown email and an unconfirmed address (each verifies one Argon2id hash)', async () => {
    const time = async (email: string, attempt = 'wrong-password-123') => {
      const started = performance.now();
      await api.post('/api/auth/login', { email, password: attempt }, undefined, from('198.51.100.2'));
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    const unconfirmed: number[] = [];
    // Nine interleaved rounds: a median of five was thrown by a busy machine now and then.
    for (let i = 0; i < 9; i++) {
      known.push(await time('known@example.test'));
      unknown.push(await time(`nobody-${i}@example.test`));
      unconfirmed.push(await time('pending@example.test', password));
    }
    // Loose bounds: the machine is shared; a skipped hash would be ~100× faster, not 3×.
    for (const ratio of [median(known) / median(unknown), median(unconfirmed) / median(unknown)]) {
      expect(ratio).toBeGreaterThan(1 / 3);
      expect(ratio).toBeLessThan(3);
    }
  });

  it('answers the 31st login from one IP within 5 minutes with 429 and Retry-After; X-Forwarded-For is ignored by default', async () => {
    const ip = from('203.0.113.7');
    for (let i = 0; i < 30; i++) {
      const res = await t.app.request(
        '/api/auth/login',
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `10.0.0.${i}` },
          body: JSON.stringify({ email: `spray-${i}@example.test`, password }),
        },
        ip,
      );
      expect(res.status).toBe(401);
    }
    const limited = await api.post('/api/auth/login', { email: 'known@example.test', password }, undefined, ip);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('300');
    expect(limited.body.error).toMatchObject({ code: 'rate_limited', details: { retry_after: 300 } });

    // Another client is not affected; the limited one may try again when the window has passed.
    expect(
      (await api.post('/api/auth/login', { email: 'known@example.test', password }, undefined, from('203.0.113.8')))
        .status,
    ).toBe(200);
    t.clock.advance(120_000);
    expect(
      (await api.post('/api/auth/login', { email: 'known@example.test', password }, undefined, ip)).headers.get(
        'Retry-After',
      ),
    ).toBe('180');
    t.clock.advance(180_000);
    expect((await api.post('/api/auth/login', { email: 'known@example.test', password }, undefined, ip)).status).toBe(
      200,
    );
  });

  it('refuses a source after 10 failures for an email, while the owner signs in from elsewhere', async () => {
    await signUpConfirmed(api, t.dataDir, { email: 'owner@example.test', password });
    const stranger = from('192.0.2.1');
    for (let i = 0; i < 10; i++) {
      const res = await api.post(
        '/api/auth/login',
        { email: 'Owner@example.test', password: 'guess-number-' + i },
        undefined,
        stranger,
      );
      expect(res.status).toBe(401);
    }
    // Brute force from that source stops, even on the right password...
    const refused = await api.post('/api/auth/login', { email: 'owner@example.test', password }, undefined, stranger);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    // ...and the owner is not locked out: today's lock-out-as-a-weapon.
    const owner = await api.post(
      '/api/auth/login',
      { email: 'owner@example.test', password },
      undefined,
      from('192.0.2.200'),
    );
    expect(owner.status).toBe(200);
  });

  it('past 100 failures from many sources, an email slows to one attempt per second instead of locking', async () => {
    await signUpConfirmed(api, t.dataDir, { email: 'popular@example.test', password });
    for (let i = 0; i < 100; i++) {
      const res = await api.post(
        '/api/auth/login',
        { email: 'popular@example.test', password: 'guess-number-' + i },
        undefined,
        from(`198.18.${Math.floor(i / 10)}.${(i % 10) + 1}`),
      );
      expect(res.status).toBe(401);
    }
    const owner = from('198.19.0.1');
    const first = await api.post('/api/auth/login', { email: 'popular@example.test', password }, undefined, owner);
    expect(first.status).toBe(200);
    const second = await api.post('/api/auth/login', { email: 'popular@example.test', password }, undefined, owner);
    expect(second.status).toBe(429);
    expect(second.headers.get('Retry-After')).toBe('1');
    t.clock.advance(1_000);
    expect(
      (await api.post('/api/auth/login', { email: 'popular@example.test', password }, undefined, owner)).status,
    ).toBe(200);
  });

  it("caps reset mails per email and source, so a stranger cannot use up the owner's", async () => {
    await signUpConfirmed(api, t.dataDir, { email: 'forgetful@example.test', password });
    const stranger = from('192.0.2.50');
    for (let i = 0; i < 3; i++) {
      expect(
        (await api.post('/api/auth/password-reset', { email: 'forgetful@example.test' }, undefined, stranger)).status,
      ).toBe(204);
    }
    expect(
      (await api.post('/api/auth/password-reset', { email: 'forgetful@example.test' }, undefined, stranger)).status,
    ).toBe(429);
    expect(
      (await api.post('/api/auth/password-reset', { email: 'forgetful@example.test' }, undefined, from('192.0.2.51')))
        .status,
    ).toBe(204);
  });
});

import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { localAccessTokens, localAudience, localIssuer } from './local-jwt.ts';
import { signedToken, unsignedToken } from './jwt-test-kit.ts';

const secret = new TextEncoder().encode('local-secret-local-secret-local-secret-00');
const tokens = localAccessTokens(secret);
const sub = randomUUID();
const good = { sub, iss: localIssuer, aud: localAudience };

describe('local access tokens', () => {
  it('accepts its own tokens, with the session they name', async () => {
    const sessionId = randomUUID();
    expect(await tokens.verifier.verify(await tokens.sign(sub, 'a@example.test', sessionId))).toEqual({
      userId: sub,
      sessionId,
    });
    expect(await tokens.verifier.verify(await signedToken(secret, 'HS256', good))).toEqual({ userId: sub });
  });

  it('refuses alg none', async () => {
    expect(
      await tokens.verifier.verify(
        unsignedToken({ sub, iss: localIssuer, aud: localAudience, exp: Math.floor(Date.now() / 1000) + 600 }),
      ),
    ).toBeNull();
  });

  it('refuses a token signed with another secret or another HMAC algorithm', async () => {
    const other = new TextEncoder().encode('some-other-secret-some-other-secret-0000');
    expect(await tokens.verifier.verify(await signedToken(other, 'HS256', good))).toBeNull();
    expect(await tokens.verifier.verify(await signedToken(secret, 'HS512', good))).toBeNull();
  });

  it('refuses a wrong issuer, a wrong audience, an expired token and a token without sub', async () => {
    expect(
      await tokens.verifier.verify(await signedToken(secret, 'HS256', { ...good, iss: 'https://evil.example' })),
    ).toBeNull();
    expect(
      await tokens.verifier.verify(await signedToken(secret, 'HS256', { ...good, aud: 'service_role' })),
    ).toBeNull();
    expect(await tokens.verifier.verify(await signedToken(secret, 'HS256', { ...good, expiresIn: -120 }))).toBeNull();
    expect(await tokens.verifier.verify(await signedToken(secret, 'HS256', { ...good, sub: undefined }))).toBeNull();
  });

  it('refuses garbage', async () => {
    expect(await tokens.verifier.verify('not.a.token')).toBeNull();
    expect(await tokens.verifier.verify('')).toBeNull();
  });
});

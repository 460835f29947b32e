import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { generateKeyPair, importJWK, exportSPKI, type CryptoKey } from 'jose';
import { startSupabaseStandIn, type SupabaseStandIn } from '../../test/supabase-stand-in.ts';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { supabaseAccessTokens, supabaseIssuer } from './supabase-jwt.ts';
import { userMirror } from './mirror-user.ts';
import { signedToken, unsignedToken } from './jwt-test-kit.ts';

const sub = randomUUID();

describe('Supabase access tokens (JWKS of the stand-in, ES256)', () => {
  let standIn: SupabaseStandIn;
  let database: TestDatabase;
  let verifier: ReturnType<typeof supabaseAccessTokens>;
  let good: { sub: string; iss: string; aud: string; kid: string };
  beforeAll(async () => {
    standIn = await startSupabaseStandIn({ mode: 'jwks' });
    database = await createTestDatabase();
    verifier = supabaseAccessTokens({ supabaseUrl: standIn.url, mirror: userMirror(database.db) });
    good = { sub, iss: supabaseIssuer(standIn.url), aud: 'authenticated', kid: standIn.publicJwk!.kid! };
  });
  afterAll(async () => {
    await database.close();
    await standIn.close();
  });

  it('accepts a token signed with the published key, and mirrors its user', async () => {
    const token = await signedToken(standIn.privateKey!, 'ES256', { ...good, extra: { email: 'jwks@example.test' } });
    expect(await verifier.verify(token)).toEqual({ userId: sub });
    const rows = await database.db.query('select email from auth.users where id = $1', [sub]);
    expect(rows).toEqual([{ email: 'jwks@example.test' }]);
  });

  it('refuses alg none', async () => {
    expect(
      await verifier.verify(
        unsignedToken({ sub, iss: good.iss, aud: good.aud, exp: Math.floor(Date.now() / 1000) + 600 }),
      ),
    ).toBeNull();
  });

  it('refuses HS256 "signed" with the public key (algorithm confusion)', async () => {
    const publicKey = (await importJWK(standIn.publicJwk!, 'ES256', { extractable: true })) as CryptoKey;
    const pem = await exportSPKI(publicKey);
    for (const secret of [pem, JSON.stringify(standIn.publicJwk)]) {
      const token = await signedToken(new TextEncoder().encode(secret), 'HS256', good);
      expect(await verifier.verify(token)).toBeNull();
    }
  });

  it('refuses a token signed with another key under the same kid', async () => {
    const other = await generateKeyPair('ES256');
    expect(await verifier.verify(await signedToken(other.privateKey, 'ES256', good))).toBeNull();
  });

  it('refuses a wrong issuer, a wrong audience, an expired token, no sub and a sub that is no uuid', async () => {
    const sign = (claims: Partial<typeof good> & { expiresIn?: number; sub?: string | undefined }) =>
      signedToken(standIn.privateKey!, 'ES256', { ...good, ...claims });
    expect(await verifier.verify(await sign({ iss: 'https://evil.example/auth/v1' }))).toBeNull();
    expect(await verifier.verify(await sign({ aud: 'anon' }))).toBeNull();
    expect(await verifier.verify(await sign({ expiresIn: -120 }))).toBeNull();
    expect(await verifier.verify(await sign({ sub: undefined }))).toBeNull();
    expect(await verifier.verify(await sign({ sub: 'service_role' }))).toBeNull();
  });
});

describe('Supabase access tokens (legacy HS256 secret)', () => {
  let standIn: SupabaseStandIn;
  let database: TestDatabase;
  let verifier: ReturnType<typeof supabaseAccessTokens>;
  beforeAll(async () => {
    standIn = await startSupabaseStandIn({ mode: 'hs256' });
    database = await createTestDatabase();
    verifier = supabaseAccessTokens({
      supabaseUrl: standIn.url,
      jwtSecret: standIn.jwtSecret,
      mirror: userMirror(database.db),
    });
  });
  afterAll(async () => {
    await database.close();
    await standIn.close();
  });

  it("accepts the stand-in's own tokens and refuses a wrong secret, alg none and asymmetric tokens", async () => {
    const session = await standIn.createUserWithSession('hs@example.test', 'correct-horse-battery');
    expect(await verifier.verify(session.access_token)).toEqual({ userId: session.user.id });
    const claims = { sub, iss: supabaseIssuer(standIn.url), aud: 'authenticated' };
    expect(
      await verifier.verify(
        await signedToken(new TextEncoder().encode('a-wrong-secret-a-wrong-secret-0123456'), 'HS256', claims),
      ),
    ).toBeNull();
    expect(await verifier.verify(unsignedToken({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 }))).toBeNull();
    const keys = await generateKeyPair('ES256');
    expect(await verifier.verify(await signedToken(keys.privateKey, 'ES256', claims))).toBeNull();
  });
});

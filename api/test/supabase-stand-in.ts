/**
 * A STAND-IN for the hosted Supabase Auth service (GoTrue), for tests only. The real service cannot
 * run here, so this small node:http server on 127.0.0.1 (random port) answers the few endpoints our
 * Supabase provider uses, with GoTrue's paths, shapes and error codes, and issues JWTs the way
 * GoTrue does (iss `${url}/auth/v1`, aud `authenticated`, sub, email, role, session_id; ES256 with a
 * JWKS, or HS256 with a legacy JWT secret). It is not Supabase: no mail, no rate limits, no
 * persistence (the mails it would send are recorded in `mails` instead: their token hash, as the
 * `{{ .TokenHash }}` of a mail template, and the `redirect_to` asked for), and only these endpoints:
 *   POST /auth/v1/signup, POST /auth/v1/token?grant_type=password|refresh_token, POST /auth/v1/recover,
 *   POST /auth/v1/verify (token_hash, type email|signup|recovery),
 *   POST /auth/v1/logout?scope=global|local|others, GET and PUT /auth/v1/user,
 *   GET /auth/v1/.well-known/jwks.json
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';

interface StandInUser {
  id: string;
  email: string;
  password: string;
  email_confirmed_at: string | null;
  user_metadata: Record<string, unknown>;
  created_at: string;
}

export interface StandInMail {
  kind: 'signup' | 'recovery';
  email: string;
  redirectTo: string | null;
  tokenHash: string | null;
}

export interface SupabaseStandIn {
  /** The project URL (what SUPABASE_URL would be). */
  url: string;
  anonKey: string;
  /** Set in HS256 mode: the legacy JWT secret (SUPABASE_JWT_SECRET). */
  jwtSecret: string | undefined;
  /** ES256 mode: the public key as published in the JWKS, and the private key (to forge tests). */
  publicJwk: JWK | undefined;
  privateKey: CryptoKey | undefined;
  /** Addresses a recovery mail was asked for, in order. */
  recoveries: string[];
  /**
   * Each mail asked for, in order: a sign-up confirmation (unless autoconfirm) or a recovery. `tokenHash`
   * is null where GoTrue sends nothing (a recovery for an unknown address); it works once.
   */
  mails: StandInMail[];
  /** Creates a user directly (as if signed up elsewhere) and returns a session for it. */
  createUserWithSession(
    email: string,
    password: string,
  ): Promise<{ access_token: string; refresh_token: string; user: { id: string } }>;
  close(): Promise<void>;
}

/** Starts the stand-in; `mode` picks how it signs access tokens. */
export async function startSupabaseStandIn({
  mode = 'jwks',
  autoconfirm = true,
  ttlSeconds = 3600,
}: { mode?: 'jwks' | 'hs256'; autoconfirm?: boolean; ttlSeconds?: number } = {}): Promise<SupabaseStandIn> {
  const anonKey = `stand-in-anon-${randomBytes(8).toString('hex')}`;
  const jwtSecret = mode === 'hs256' ? randomBytes(32).toString('base64url') : undefined;
  const keyPair = mode === 'jwks' ? await generateKeyPair('ES256', { extractable: true }) : undefined;
  const kid = randomUUID();
  const publicJwk = keyPair ? { ...(await exportJWK(keyPair.publicKey)), kid, alg: 'ES256', use: 'sig' } : undefined;
  const hmacKey = jwtSecret ? new TextEncoder().encode(jwtSecret) : undefined;

  const users = new Map<string, StandInUser>();
  const sessions = new Map<string, { userId: string; revoked: boolean }>();
  const refreshTokens = new Map<string, { sessionId: string; used: boolean }>();
  const recoveries: string[] = [];
  const mails: StandInMail[] = [];
  // Token hash → the mail's user and kind; deleted when used (single use, as GoTrue's).
  const tokenHashes = new Map<string, { userId: string; kind: StandInMail['kind'] }>();
  const mailFor = (
    kind: StandInMail['kind'],
    email: string,
    user: StandInUser | undefined,
    redirectTo: string | null,
  ) => {
    const tokenHash = user ? randomBytes(28).toString('hex') : null;
    // GoTrue keeps one confirmation and one recovery token per user: a new mail ends the older link.
    for (const [hash, entry] of tokenHashes)
      if (entry.userId === user?.id && entry.kind === kind) tokenHashes.delete(hash);
    if (user && tokenHash) tokenHashes.set(tokenHash, { userId: user.id, kind });
    mails.push({ kind, email, redirectTo, tokenHash });
  };
  let url = '';

  const byEmail = (email: string) => [...users.values()].find((u) => u.email === email.toLowerCase());
  const userJson = (u: StandInUser) => ({
    id: u.id,
    aud: 'authenticated',
    role: 'authenticated',
    email: u.email,
    email_confirmed_at: u.email_confirmed_at,
    confirmed_at: u.email_confirmed_at,
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: u.user_metadata,
    // A real account has its email identity; the stand-in user answered for a known address has none.
    identities: [{ id: u.id, user_id: u.id, provider: 'email', identity_data: { email: u.email, sub: u.id } }],
    created_at: u.created_at,
    updated_at: u.created_at,
  });

  async function accessToken(u: StandInUser, sessionId: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({
      email: u.email,
      role: 'authenticated',
      session_id: sessionId,
      aal: 'aal1',
      is_anonymous: false,
    })
      .setSubject(u.id)
      .setIssuer(`${url}/auth/v1`)
      .setAudience('authenticated')
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds);
    return keyPair
      ? jwt.setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' }).sign(keyPair.privateKey)
      : jwt.setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(hmacKey!);
  }

  async function issue(u: StandInUser, sessionId: string = randomUUID()) {
    if (!sessions.has(sessionId)) sessions.set(sessionId, { userId: u.id, revoked: false });
    const refresh_token = randomBytes(12).toString('base64url');
    refreshTokens.set(refresh_token, { sessionId, used: false });
    return {
      access_token: await accessToken(u, sessionId),
      token_type: 'bearer',
      expires_in: ttlSeconds,
      expires_at: Math.floor(Date.now() / 1000) + ttlSeconds,
      refresh_token,
      user: userJson(u),
    };
  }

  /** The user and session of a bearer token; null when invalid or its session is gone (GoTrue checks both). */
  async function bearer(req: IncomingMessage): Promise<{ user: StandInUser; sessionId: string } | null> {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return null;
    try {
      const { payload } = keyPair
        ? await jwtVerify(token, keyPair.publicKey, { algorithms: ['ES256'], audience: 'authenticated' })
        : await jwtVerify(token, hmacKey!, { algorithms: ['HS256'], audience: 'authenticated' });
      const sessionId = String(payload['session_id']);
      const user = users.get(String(payload.sub));
      return user && sessions.get(sessionId)?.revoked === false ? { user, sessionId } : null;
    } catch {
      return null;
    }
  }

  function revokeSessions(userId: string, keep?: string) {
    for (const [id, session] of sessions) if (session.userId === userId && id !== keep) session.revoked = true;
  }

  function createUser(
    email: string,
    password: string,
    metadata: Record<string, unknown>,
    confirmed: boolean,
  ): StandInUser {
    const now = new Date().toISOString();
    const user = {
      id: randomUUID(),
      email: email.toLowerCase(),
      password,
      email_confirmed_at: confirmed ? now : null,
      user_metadata: metadata,
      created_at: now,
    };
    users.set(user.id, user);
    return user;
  }

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    body: Record<string, unknown>,
  ): Promise<[number, unknown]> {
    const path = new URL(req.url ?? '/', 'http://stand-in');
    const route = `${req.method} ${path.pathname}`;
    const fail = (status: number, code: string, msg: string): [number, unknown] => [
      status,
      { code, error_code: code, msg },
    ];
    if (route === 'GET /auth/v1/.well-known/jwks.json') return [200, { keys: publicJwk ? [publicJwk] : [] }];
    if (req.headers.apikey !== anonKey) return fail(401, 'no_authorization', 'Invalid API key');
    if (route === 'POST /auth/v1/signup') {
      const email = String(body['email'] ?? '');
      const password = String(body['password'] ?? '');
      const known = byEmail(email);
      // As GoTrue does (internal/api/signup.go), changing nothing about a known user: with "Confirm
      // email" off it is refused; with it on, a confirmed one is answered as a made-up new user (a
      // new id, unconfirmed, the request's metadata, no identities, no session) and mailed nothing,
      // and an unconfirmed one gets its confirmation mail again (its password stays the first).
      if (known && autoconfirm) return fail(422, 'user_already_exists', 'User already registered');
      if (known?.email_confirmed_at) {
        const madeUp = {
          ...known,
          id: randomUUID(),
          email_confirmed_at: null,
          user_metadata: (body['data'] as Record<string, unknown>) ?? {},
          created_at: new Date().toISOString(),
        };
        return [200, { ...userJson(madeUp), identities: [] }];
      }
      if (known) {
        mailFor('signup', known.email, known, path.searchParams.get('redirect_to'));
        return [200, userJson(known)];
      }
      if (password.length < 6)
        return [
          422,
          {
            code: 'weak_password',
            msg: 'Password should be at least 6 characters.',
            weak_password: { reasons: ['length'] },
          },
        ];
      const user = createUser(email, password, (body['data'] as Record<string, unknown>) ?? {}, autoconfirm);
      if (!autoconfirm) mailFor('signup', user.email, user, path.searchParams.get('redirect_to'));
      return [200, autoconfirm ? await issue(user) : userJson(user)];
    }
    if (route === 'POST /auth/v1/token' && path.searchParams.get('grant_type') === 'password') {
      const user = byEmail(String(body['email'] ?? ''));
      if (!user || user.password !== body['password'])
        return fail(400, 'invalid_credentials', 'Invalid login credentials');
      if (!user.email_confirmed_at) return fail(400, 'email_not_confirmed', 'Email not confirmed');
      return [200, await issue(user)];
    }
    if (route === 'POST /auth/v1/token' && path.searchParams.get('grant_type') === 'refresh_token') {
      const entry = refreshTokens.get(String(body['refresh_token'] ?? ''));
      const session = entry && sessions.get(entry.sessionId);
      if (!entry || !session || session.revoked)
        return fail(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
      if (entry.used) {
        // GoTrue's reuse detection: a used token presented again ends the session.
        session.revoked = true;
        return fail(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
      }
      entry.used = true;
      return [200, await issue(users.get(session.userId)!, entry.sessionId)];
    }
    if (route === 'POST /auth/v1/recover') {
      recoveries.push(String(body['email'] ?? '').toLowerCase());
      const email = String(body['email'] ?? '').toLowerCase();
      mailFor('recovery', email, byEmail(email), path.searchParams.get('redirect_to'));
      return [200, {}];
    }
    if (route === 'POST /auth/v1/verify') {
      const entry = tokenHashes.get(String(body['token_hash'] ?? ''));
      const kind =
        body['type'] === 'recovery' ? 'recovery' : ['email', 'signup'].includes(String(body['type'])) ? 'signup' : null;
      const user = entry && entry.kind === kind ? users.get(entry.userId) : undefined;
      if (!user) return fail(403, 'otp_expired', 'Email link is invalid or has expired');
      tokenHashes.delete(String(body['token_hash']));
      user.email_confirmed_at ??= new Date().toISOString();
      return [200, await issue(user)];
    }
    const caller = await bearer(req);
    if (!caller) return fail(403, 'bad_jwt', 'invalid JWT: unable to parse or verify signature');
    if (route === 'POST /auth/v1/logout') {
      const scope = path.searchParams.get('scope') ?? 'global';
      if (scope === 'local') sessions.get(caller.sessionId)!.revoked = true;
      else revokeSessions(caller.user.id, scope === 'others' ? caller.sessionId : undefined);
      return [204, null];
    }
    if (route === 'GET /auth/v1/user') return [200, userJson(caller.user)];
    if (route === 'PUT /auth/v1/user') {
      if (typeof body['password'] === 'string') caller.user.password = body['password'];
      return [200, userJson(caller.user)];
    }
    return fail(404, 'not_found', `The stand-in does not implement ${route}`);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      handle(req, res, text ? (JSON.parse(text) as Record<string, unknown>) : {})
        .then(([status, payload]) => {
          res.writeHead(status, { 'Content-Type': 'application/json', 'X-Supabase-Api-Version': '2024-01-01' });
          res.end(payload === null ? undefined : JSON.stringify(payload));
        })
        .catch((error: unknown) => {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ code: 'unexpected_failure', msg: String(error) }));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('stand-in: no port');
  url = `http://127.0.0.1:${address.port}`;

  return {
    url,
    anonKey,
    jwtSecret,
    publicJwk,
    privateKey: keyPair?.privateKey,
    recoveries,
    mails,
    async createUserWithSession(email, password) {
      const session = await issue(createUser(email, password, {}, true));
      return {
        access_token: session.access_token,
        refresh_token: session.refresh_token,
        user: { id: session.user.id },
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

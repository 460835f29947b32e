import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAdminWorld, type AdminWorld } from '../../test/hardening/admin-world.ts';
import { createTestContext } from '../../test/test-app.ts';

const admin = 'https://admin.example.com';
const stranger = 'https://evil.example';

/** Every CORS response header of an answer (none for an origin that is not listed). */
const corsHeaders = (res: Response) =>
  [...res.headers.keys()].filter((name) => name.toLowerCase().startsWith('access-control-'));

// A separately hosted admin app calls the management API from its own origin with a bearer token.
describe('CORS of the management API (CORS_ORIGINS)', () => {
  let w: AdminWorld;
  beforeAll(async () => {
    w = await openAdminWorld({ CORS_ORIGINS: `${admin}, https://second.example.com` });
  });
  afterAll(() => w.t.close());

  it('answers a listed origin’s preflight, before authentication', async () => {
    const res = await w.t.app.request(`${w.base}/services/${w.serviceId}/status`, {
      method: 'OPTIONS',
      headers: {
        Origin: admin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type, idempotency-key',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(admin);
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('POST');
    const allowHeaders = res.headers.get('Access-Control-Allow-Headers')!.toLowerCase().split(',');
    expect(allowHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']));
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    expect(res.headers.get('Vary')).toContain('Origin');
  });

  it('lets a listed origin read answers, errors included, and the headers a client needs', async () => {
    const res = await w.t.app.request(`${w.base}/services`, { headers: { ...w.auth, Origin: admin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(admin);
    expect(res.headers.get('Vary')).toContain('Origin');
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    const exposed = res.headers.get('Access-Control-Expose-Headers')!.split(',');
    expect(exposed).toEqual(expect.arrayContaining(['Retry-After', 'ETag', 'X-Request-Id']));
    // A 401 must reach the app too: it refreshes its session on one.
    const signedOut = await w.t.app.request(`${w.base}/services`, {
      headers: { Origin: 'https://second.example.com' },
    });
    expect(signedOut.status).toBe(401);
    expect(signedOut.headers.get('Access-Control-Allow-Origin')).toBe('https://second.example.com');
    const login = await w.t.app.request('/api/auth/login', {
      method: 'POST',
      headers: { Origin: admin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@example.com', password: 'wrong password' }),
    });
    expect(login.status).toBe(401);
    expect(login.headers.get('Access-Control-Allow-Origin')).toBe(admin);
  });

  it('gives an unlisted origin no CORS header, preflight or not', async () => {
    const preflight = await w.t.app.request(`${w.base}/services`, {
      method: 'OPTIONS',
      headers: { Origin: stranger, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(405);
    expect(corsHeaders(preflight)).toEqual([]);
    const res = await w.t.app.request(`${w.base}/services`, { headers: { ...w.auth, Origin: stranger } });
    expect(res.status).toBe(200);
    expect(corsHeaders(res)).toEqual([]);
    expect(res.headers.get('Vary')).toContain('Origin');
    // A look-alike of a listed origin is another origin.
    const lookalike = await w.t.app.request(`${w.base}/services`, {
      headers: { ...w.auth, Origin: `${admin}.evil.example` },
    });
    expect(corsHeaders(lookalike)).toEqual([]);
  });

  it('leaves the public routes as they were: any origin, `*`', async () => {
    const preflight = await w.t.app.request(`/api/public/status/${w.world.orgA.slug}`, {
      method: 'OPTIONS',
      headers: { Origin: stranger, 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(preflight.headers.get('Access-Control-Allow-Headers')).toBe('Last-Event-ID, If-None-Match, Cache-Control');
    const res = await w.t.app.request(`/api/public/status/${w.world.orgA.slug}`, { headers: { Origin: admin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(res.headers.get('Access-Control-Expose-Headers')).toBe('ETag, Location, X-Request-Id');
  });
});

describe('CORS without CORS_ORIGINS (the default)', () => {
  it('sends no CORS header on the management API, and public routes keep `*`', async () => {
    const t = await createTestContext();
    try {
      const preflight = await t.app.request('/api/organizations', {
        method: 'OPTIONS',
        headers: { Origin: admin, 'Access-Control-Request-Method': 'GET' },
      });
      expect(preflight.status).toBe(405);
      expect(corsHeaders(preflight)).toEqual([]);
      const me = await t.app.request('/api/auth/me', { headers: { Origin: admin } });
      expect(me.status).toBe(401);
      expect(corsHeaders(me)).toEqual([]);
      const publicStatus = await t.app.request('/api/public/status/nobody', { headers: { Origin: admin } });
      expect(publicStatus.headers.get('Access-Control-Allow-Origin')).toBe('*');
    } finally {
      await t.close();
    }
  });
});

import { expect } from 'vitest';

// Answers that carry a token or a session: never stored by a browser or a proxy.
const tokenBearing = new Set(['POST /api/auth/login', 'POST /api/auth/refresh', 'GET /api/auth/me']);

/**
 * The security headers every matrix answer must carry, refused or not. Public routes are embedded by
 * other sites (any origin may load them); the management API's private JSON may not be sniffed,
 * framed, loaded cross-origin or kept in a cache.
 */
export function expectSecurityHeaders(res: Response, key: string, path: string, label: string): void {
  const header = (name: string) => res.headers.get(name);
  expect(header('x-content-type-options'), `${label}: nosniff`).toBe('nosniff');
  if (path.startsWith('/api/public/')) {
    expect(header('cross-origin-resource-policy'), `${label}: public answers load cross-origin`).toBe('cross-origin');
    expect(header('x-frame-options'), label).toBeNull();
    return;
  }
  expect(header('x-frame-options'), label).toBe('DENY');
  expect(header('content-security-policy'), label).toContain("frame-ancestors 'none'");
  expect(header('referrer-policy'), label).toBe('no-referrer');
  expect(header('cross-origin-resource-policy'), label).toBe('same-origin');
  expect(header('strict-transport-security'), label).toMatch(/^max-age=\d+/);
  expect(header('cache-control'), label).toBeTruthy();
  if (tokenBearing.has(key)) expect(header('cache-control'), `${label}: token answers`).toBe('no-store');
}

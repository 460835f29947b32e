import { describe, expect, it } from 'vitest';
import { parseTrustProxy, resolveClientIp, unknownClientIp } from './client-ip.ts';

const resolve = (socketAddress: string | undefined, forwardedFor: string | undefined, trustProxy: string) =>
  resolveClientIp({ socketAddress, forwardedFor, trust: parseTrustProxy(trustProxy) });

describe('resolveClientIp', () => {
  it('uses the socket address and ignores X-Forwarded-For when TRUST_PROXY is off', () => {
    expect(resolve('203.0.113.9', '1.2.3.4', 'off')).toBe('203.0.113.9');
    expect(resolve('203.0.113.9', '1.2.3.4', '0')).toBe('203.0.113.9');
    expect(resolve('203.0.113.9', undefined, 'off')).toBe('203.0.113.9');
  });

  it('falls back to one fixed key when there is no socket (app.request in tests)', () => {
    expect(resolve(undefined, undefined, 'off')).toBe(unknownClientIp);
    expect(resolve(undefined, '1.2.3.4', 'off')).toBe(unknownClientIp);
  });

  it('unwraps IPv4-mapped IPv6 addresses', () => {
    expect(resolve('::ffff:198.51.100.4', undefined, 'off')).toBe('198.51.100.4');
  });

  it('with a hop count, takes the address that many hops left of the socket', () => {
    expect(resolve('10.0.0.2', '198.51.100.7', '1')).toBe('198.51.100.7');
    // The client wrote a fake first entry; the proxy appended the real address after it.
    expect(resolve('10.0.0.2', '6.6.6.6, 198.51.100.7', '1')).toBe('198.51.100.7');
    expect(resolve('10.0.0.3', '6.6.6.6, 198.51.100.7, 10.0.0.2', '2')).toBe('198.51.100.7');
    // Fewer entries than hops: the leftmost there is.
    expect(resolve('10.0.0.2', '198.51.100.7', '5')).toBe('198.51.100.7');
    // No header: the socket.
    expect(resolve('10.0.0.2', undefined, '1')).toBe('10.0.0.2');
    // Garbage where the client should be: the socket, never the garbage.
    expect(resolve('10.0.0.2', 'not-an-ip', '1')).toBe('10.0.0.2');
  });

  it('with trusted proxy addresses, walks left past them to the first untrusted address', () => {
    expect(resolve('10.0.0.2', '6.6.6.6, 198.51.100.7', '10.0.0.0/8')).toBe('198.51.100.7');
    expect(resolve('10.0.0.2', '6.6.6.6, 198.51.100.7, 10.1.2.3', '10.0.0.0/8')).toBe('198.51.100.7');
    expect(resolve('::1', '2001:db8::5', '::1, 10.0.0.0/8')).toBe('2001:db8::5');
  });

  it('does not believe X-Forwarded-For from a socket that is not a trusted proxy', () => {
    expect(resolve('198.51.100.50', '6.6.6.6', '10.0.0.0/8')).toBe('198.51.100.50');
  });
});

describe('parseTrustProxy', () => {
  it('accepts off, a hop count and a list of IPs and CIDRs', () => {
    expect(parseTrustProxy('off')).toEqual({ kind: 'off' });
    expect(parseTrustProxy('2')).toEqual({ kind: 'hops', hops: 2 });
    expect(parseTrustProxy('10.0.0.0/8, 192.168.1.1, fd00::/8').kind).toBe('addresses');
  });

  it('refuses anything else with a message naming TRUST_PROXY', () => {
    for (const bad of ['yes', '10.0.0.0/33', '10.0.0.0/8/1', 'fd00::/129', '10.0.0.0/x', 'proxy.local']) {
      expect(() => parseTrustProxy(bad)).toThrow(/TRUST_PROXY/);
    }
  });
});

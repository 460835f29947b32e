import { isLoopback } from '../src/outbound/address-policy.ts';
import { systemOutbound, type Outbound, type ResolvedAddress } from '../src/outbound/outbound.ts';

/**
 * The names every test may resolve: a fixed map of `*.test` names (RFC 6761 reserves `.test`), never
 * the real resolver. `public.test` stands for a public receiver (a public address the connect guard never lets a test reach).
 */
export const testHostMap: Record<string, string[]> = {
  'public.test': ['93.184.215.14'],
  'hooks.example.test': ['93.184.215.20'],
  'loopback.test': ['127.0.0.1'],
  'receiver.test': ['127.0.0.1'],
  'private.test': ['10.0.0.5'],
  'mixed.test': ['93.184.215.30', '192.168.1.1'],
  'metadata.test': ['169.254.169.254'],
};

/** What a guarded Outbound saw: every connect, and the ones it refused (which fail the test). */
export interface OutboundGuard extends Outbound {
  connects: string[];
  violations: string[];
  /** Adds or replaces names (e.g. a rebinding test's changing answer). */
  hosts: Record<string, string[] | (() => string[])>;
}

/**
 * The tests' Outbound: lookups answer from `testHostMap` (unknown names fail like NXDOMAIN), and a
 * connect to anything outside 127.0.0.0/8 and ::1 records a violation and throws, so the call fails
 * and `createTestContext().close()` fails the test file. Every test app gets one by default.
 */
export function createOutboundGuard(extraHosts: Record<string, string[]> = {}): OutboundGuard {
  const guard: OutboundGuard = {
    connects: [],
    violations: [],
    hosts: { ...testHostMap, ...extraHosts },
    async lookup(hostname) {
      const entry = guard.hosts[hostname.toLowerCase()];
      if (!entry) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      const addresses = typeof entry === 'function' ? entry() : entry;
      return addresses.map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
    },
    connect(target) {
      guard.connects.push(`${target.address}:${target.port}`);
      if (!isLoopback(target.address)) {
        guard.violations.push(`${target.address}:${target.port}`);
        throw new Error(`test connected outside loopback: ${target.address}:${target.port}`);
      }
      return systemOutbound.connect(target);
    },
  };
  return guard;
}

/** Throws when a guarded Outbound was asked to connect beyond loopback. */
export function assertNoOutboundViolations(guard: OutboundGuard): void {
  if (guard.violations.length > 0) {
    throw new Error(`a test tried to connect outside loopback: ${guard.violations.join(', ')}`);
  }
}

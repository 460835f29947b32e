import ipaddr from 'ipaddr.js';

/** Why an address was refused, or null when it may be reached. */
export type AddressRefusal = { range: string } | null;

// Ranges `WEBHOOK_ALLOW_PRIVATE=true` opens (a self-hosted receiver on the same network). The rest
// (unspecified, broadcast, multicast, reserved, NAT64 and the other translation prefixes) stay shut.
const privateRanges = new Set(['private', 'loopback', 'linkLocal', 'uniqueLocal', 'carrierGradeNat']);

/**
 * Decides whether an outbound connection may go to this IP address. ipaddr.js's `process()` turns an
 * IPv4-mapped IPv6 address (`::ffff:7f00:1`) into the IPv4 one first, so it is judged as what it
 * reaches; then only `unicast` passes (public addresses), or the private ranges when allowed.
 * NAT64 (`64:ff9b::/96`) and 6to4/Teredo embed an IPv4 address a gateway would reach: never unicast.
 */
export function refuseAddress(address: string, allowPrivate: boolean): AddressRefusal {
  if (!ipaddr.isValid(address)) return { range: 'invalid' };
  const ip = ipaddr.process(address);
  const range = ip.range();
  if (range === 'unicast') return null;
  if (allowPrivate && privateRanges.has(range)) return null;
  return { range };
}

/** True for 127.0.0.0/8 and ::1 (and their mapped forms): the only addresses tests may connect to. */
export function isLoopback(address: string): boolean {
  return ipaddr.isValid(address) && ipaddr.process(address).range() === 'loopback';
}

import ipaddr from 'ipaddr.js';
import type { Outbound, ResolvedAddress } from './outbound.ts';
import { refuseAddress } from './address-policy.ts';

/** A URL an outbound call may not go to, with the reason shown to the admin who saved it. */
export class OutboundRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundRefused';
  }
}

/** A URL that passed the policy: where to connect, already resolved and checked. */
export interface CheckedTarget {
  url: URL;
  hostname: string;
  port: number;
  tls: boolean;
  address: ResolvedAddress;
}

/**
 * Parses and checks an outbound URL: http or https only, no credentials in it, and every address the
 * host resolves to allowed by `refuseAddress`. The WHATWG URL parser turns every IPv4 spelling
 * (`127.1`, `2130706433`, `0x7f000001`, `0177.0.0.1`) into dotted decimal, and IPv6 literals lose their
 * brackets below, so a literal is judged like a resolved address; a literal is never looked up.
 * Called when a webhook is saved and again before each connection (the answer may have changed:
 * DNS rebinding); the connection then goes to the address checked here, not to a new lookup.
 */
export async function checkOutboundUrl(
  outbound: Outbound,
  raw: string,
  { allowPrivate }: { allowPrivate: boolean },
): Promise<CheckedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefused('not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OutboundRefused('only http and https URLs');
  if (url.username || url.password) throw new OutboundRefused('credentials in the URL are not allowed');
  const tls = url.protocol === 'https:';
  const port = url.port ? Number(url.port) : tls ? 443 : 80;
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: ResolvedAddress[];
  if (ipaddr.isValid(hostname)) {
    addresses = [{ address: hostname, family: ipaddr.parse(hostname).kind() === 'ipv6' ? 6 : 4 }];
  } else {
    try {
      addresses = await outbound.lookup(hostname);
    } catch {
      throw new OutboundRefused(`the host name ${hostname} does not resolve`);
    }
    if (addresses.length === 0) throw new OutboundRefused(`the host name ${hostname} does not resolve`);
  }
  // Every answer must pass: a name with one public and one private address is refused as a whole.
  for (const { address } of addresses) {
    const refusal = refuseAddress(address, allowPrivate);
    if (refusal) throw new OutboundRefused(`the address ${address} is in a refused range (${refusal.range})`);
  }
  return { url, hostname, port, tls, address: addresses[0]! };
}

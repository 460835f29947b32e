import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { BlockList, isIP } from 'node:net';

/** When to believe X-Forwarded-For (TRUST_PROXY): never, a number of proxy hops, or proxy addresses. */
export type TrustProxy = { kind: 'off' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; list: BlockList };

/** The key used when there is no socket (app.request() in tests, other runtimes). */
export const unknownClientIp = 'unknown';

/** Parses TRUST_PROXY: `off` (default), a hop count, or a comma-separated list of IPs and CIDRs. */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim().toLowerCase();
  if (text === '' || text === 'off' || text === 'false' || text === '0') return { kind: 'off' };
  if (/^\d+$/.test(text)) return { kind: 'hops', hops: Number(text) };
  const list = new BlockList();
  for (const entry of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (
      !family ||
      extra !== undefined ||
      !Number.isInteger(bits) ||
      bits < 0 ||
      bits > (family === 6 ? 128 : 32) ||
      (prefix !== undefined && !/^\d+$/.test(prefix))
    ) {
      throw new Error(
        `TRUST_PROXY: "${entry}" is not an IP address or CIDR (use off, a hop count, or a list like 10.0.0.0/8,::1)`,
      );
    }
    list.addSubnet(address, bits, family === 6 ? 'ipv6' : 'ipv4');
  }
  return { kind: 'addresses', list };
}

/** `::ffff:1.2.3.4` is the IPv4 client 1.2.3.4 on a dual-stack socket. */
function normalize(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

function trusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address from the socket address and X-Forwarded-For under `trust`. Each proxy appends
 * the address it got the request from, so only the right end of the header can be believed: with
 * `hops` proxies we take the entry that many steps left of the socket; with addresses, we walk left
 * past trusted proxies. Anything left of that was written by the client and is ignored.
 */
export function resolveClientIp({
  socketAddress,
  forwardedFor,
  trust,
}: {
  socketAddress: string | undefined;
  forwardedFor: string | undefined;
  trust: TrustProxy;
}): string {
  const socket = socketAddress ? normalize(socketAddress) : undefined;
  if (trust.kind === 'off' || !forwardedFor) return socket ?? unknownClientIp;
  const chain = [
    ...forwardedFor
      .split(',')
      .map((s) => normalize(s.trim()))
      .filter(Boolean),
    ...(socket ? [socket] : []),
  ];
  if (trust.kind === 'hops') {
    const candidate = chain[Math.max(0, chain.length - 1 - trust.hops)];
    return candidate && isIP(candidate) ? candidate : (socket ?? unknownClientIp);
  }
  if (socket && !trusted(trust.list, socket)) return socket;
  for (let i = chain.length - 1; i >= 0; i--) {
    const address = chain[i]!;
    if (!isIP(address)) return chain[i + 1] ?? socket ?? unknownClientIp;
    if (!trusted(trust.list, address)) return address;
  }
  return chain[0] ?? unknownClientIp;
}

const parsed = new Map<string, TrustProxy>();

/** The calling client's IP for rate limits and per-IP caps, under the app's TRUST_PROXY. */
export function clientIp(c: Context, trustProxy: string): string {
  let trust = parsed.get(trustProxy);
  if (!trust) parsed.set(trustProxy, (trust = parseTrustProxy(trustProxy)));
  // Under app.request() there is no Node socket (c.env is empty): every such request shares one key.
  const bindings = c.env as { incoming?: unknown; server?: { incoming?: unknown } } | undefined;
  const socketAddress = bindings?.incoming || bindings?.server?.incoming ? getConnInfo(c).remote.address : undefined;
  return resolveClientIp({ socketAddress, forwardedFor: c.req.header('X-Forwarded-For'), trust });
}

import { lookup as dnsLookup } from 'node:dns/promises';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

/** One resolved address of a name. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Where one connection goes: always an IP address (names are resolved and checked before). */
export interface ConnectTarget {
  address: string;
  port: number;
  /** Set for https: the TLS server name (SNI and certificate check) is the URL's host name. */
  tlsServerName?: string;
}

/**
 * The product's only way out to the network for HTTP (webhooks today). Both halves are injectable:
 * tests give a fixed map of `*.test` names and a connect that fails the test on any address outside
 * loopback (api/test/outbound-guard.ts), so no test can send a packet beyond 127.0.0.0/8 and ::1.
 */
export interface Outbound {
  /** Every address of a host name (like `dns.lookup(name, { all: true })`). */
  lookup(hostname: string): Promise<ResolvedAddress[]>;
  /** Opens a socket to an already checked address. */
  connect(target: ConnectTarget): Socket;
}

/** The real network: the system resolver, plain TCP or TLS. */
export const systemOutbound: Outbound = {
  async lookup(hostname) {
    const answers = await dnsLookup(hostname, { all: true, verbatim: true });
    return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  },
  connect({ address, port, tlsServerName }) {
    if (tlsServerName === undefined) return netConnect({ host: address, port });
    // `servername` keeps SNI and the certificate check on the name, while the socket goes to the
    // address that was checked (pinned: no second lookup that could answer differently).
    return tlsConnect({ host: address, port, servername: tlsServerName, ALPNProtocols: ['http/1.1'] });
  },
};

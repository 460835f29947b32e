import type { ServerOptions } from 'node:http';

/**
 * node:http limits of the production listener (serve.ts). Node's defaults (60 s for headers, 300 s
 * for a request) leave room for slowloris; a request's headers and body come in seconds or not at all.
 * Streams are answers, so they are not cut by these. Node checks the two timeouts every
 * `connectionsCheckingInterval` (default 30 s), so that period bounds how late a stalled request is
 * cut: 5 s keeps a slowloris connection under 15 s (api/test/stream-robustness.test.ts).
 */
export const productionServerOptions: ServerOptions = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  connectionsCheckingInterval: 5_000,
};

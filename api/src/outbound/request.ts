import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Outbound } from './outbound.ts';
import { checkOutboundUrl } from './target-policy.ts';

/** An outbound HTTP call (a webhook delivery). */
export interface OutboundRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  allowPrivate: boolean;
  /** The whole call, connect to last byte; default 15 s. */
  timeoutMs?: number;
  /** Bytes of the answer's body kept; the rest is not read (the socket is closed). Default 64 KiB. */
  maxResponseBytes?: number;
  /** Ends the call early (e.g. the outbox worker stopping). */
  signal?: AbortSignal;
}

/** The answer, whatever its status: redirects are answers too (never followed). */
export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** True when the body was longer than `maxResponseBytes`. */
  truncated: boolean;
}

export const defaultTimeoutMs = 15_000;
export const defaultMaxResponseBytes = 64 * 1024;

/**
 * Sends one HTTP request through `outbound`: the URL is checked (`checkOutboundUrl`) right before
 * connecting, and the socket goes to the address that check resolved (pinned), so a name that
 * answers a public address at save time and 127.0.0.1 now is refused now. node:http with our own
 * `createConnection` rather than `fetch`: undici's lookup hooks are skipped for literal IPs and the
 * usual filtering agents do not apply to it. No agent: no socket is reused past its check.
 * Rejects on a refused URL (`OutboundRefused`), a network error or the timeout.
 */
export async function sendOutbound(outbound: Outbound, req: OutboundRequest): Promise<OutboundResponse> {
  const target = await checkOutboundUrl(outbound, req.url, { allowPrivate: req.allowPrivate });
  const timeoutMs = req.timeoutMs ?? defaultTimeoutMs;
  const maxBytes = req.maxResponseBytes ?? defaultMaxResponseBytes;
  const request = target.tls ? httpsRequest : httpRequest;
  return new Promise<OutboundResponse>((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.from(req.body);
    const clientRequest = request(target.url, {
      ...(req.signal ? { signal: req.signal } : {}),
      method: req.method ?? 'POST',
      headers: {
        ...req.headers,
        ...(body ? { 'content-length': String(body.length) } : {}),
        connection: 'close',
      },
      createConnection: () =>
        outbound.connect({
          address: target.address.address,
          port: target.port,
          ...(target.tls ? { tlsServerName: target.hostname } : {}),
        }),
    });
    const timer = setTimeout(() => {
      clientRequest.destroy(new Error(`no complete answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = (fn: () => void) => {
      clearTimeout(timer);
      fn();
    };
    clientRequest.on('error', (error) => finish(() => reject(error)));
    clientRequest.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const done = () =>
        finish(() =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            truncated,
          }),
        );
      response.on('data', (chunk: Buffer) => {
        if (truncated) return;
        const room = maxBytes - size;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          truncated = true;
          // Enough read: stop the download rather than let a receiver stream gigabytes at us.
          response.destroy();
          done();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      response.on('end', done);
      response.on('error', (error) => {
        if (!truncated) finish(() => reject(error));
      });
    });
    clientRequest.end(body);
  });
}

import type { Context } from 'hono';
import type { ServerResponse } from 'node:http';
import type { AppEnv } from '../../http/app-env.ts';
import type { Realtime } from '../../realtime/realtime.ts';
import { AppError } from '../../errors.ts';
import { clientIp } from '../../limits/client-ip.ts';
import type { StreamRefusal } from '../../realtime/stream-admission.ts';
import { parseLastEventId } from '../../realtime/sse.ts';
import { requestLimits } from '../../limits/request-limits.ts';
import { rateLimited } from '../../limits/rate-limit.ts';
import { publicHeaderEntries } from '../../http/public-headers.ts';

/** The query parameter stream ids are resumed with (the stream client sends the query form: no CORS preflight). */
export const lastEventIdQuery = 'lastEventId';

/**
 * The id the client resumes from: `Last-Event-ID` header, else `?lastEventId=`. Anything that is not
 * a seq (garbage, negative, absurdly long) counts as "nothing", which earns a snapshot.
 */
export function lastEventId(c: Context<AppEnv>): number | null {
  return parseLastEventId(c.req.header('Last-Event-ID') ?? c.req.query(lastEventIdQuery));
}

/** The error a refused stream answers: 429 for one client's cap, 503 for the process's. */
export function streamRefused(reason: StreamRefusal): AppError {
  return reason === 'per_ip'
    ? new AppError('rate_limited', 'Too many open streams from this client', { headers: { 'Retry-After': '10' } })
    : new AppError('unavailable', 'Too many open streams on this server', { headers: { 'Retry-After': '5' } });
}

/**
 * What a stream handler needs: the realtime hub, the raw Node response it writes to, and the
 * admission slot of this stream (per client IP under TRUST_PROXY, and per process), which the
 * handler hands to openStream so it is freed when the response closes.
 */
export function streamContext(c: Context<AppEnv>): { realtime: Realtime; res: ServerResponse; release: () => void } {
  const { realtime, env } = c.get('deps');
  const res = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (!realtime || !res) throw new AppError('unavailable', 'Streams need the Node server with realtime enabled');
  const ip = clientIp(c, env.TRUST_PROXY);
  const connects = requestLimits(c.get('deps')).streamConnects.hit(ip);
  if (!connects.allowed)
    throw rateLimited(connects.retryAfterSeconds, c.req.path.startsWith('/api/public/') ? publicHeaderEntries : {});
  const admitted = realtime.admission.admit(ip, {
    perIp: env.STREAMS_PER_IP,
    perProcess: env.STREAMS_PER_PROCESS,
  });
  if (typeof admitted === 'string') c.get('deps').metrics.streams.refused(admitted);
  if (typeof admitted === 'string') throw streamRefused(admitted);
  return { realtime, res, release: admitted };
}

/** Tells @hono/node-server the answer was written straight to the Node response. */
export function alreadySent(): Response {
  const response = new Response(null, { headers: { 'x-hono-already-sent': 'true' } });
  // @hono/node-server's lightweight Response takes a fast path that ignores this header and writes
  // its own head; reading `body` turns it into a full Response, whose path honours the header.
  void response.body;
  return response;
}

/** The OpenAPI description of an SSE answer. */
export const sseResponse = {
  description: 'Server-Sent Events: `retry:`, then a snapshot or the missed events, then live events and heartbeats',
  content: { 'text/event-stream': { schema: { type: 'string' as const } } },
};

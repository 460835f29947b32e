import type { Context } from 'hono';
import type { ServerResponse } from 'node:http';
import type { AppEnv } from '../../http/app-env.ts';
import type { Realtime } from '../../realtime/realtime.ts';
import { AppError } from '../../errors.ts';

/** The header stream ids are resumed with (the stream client sends the query form: no CORS preflight). */
export const lastEventIdQuery = 'lastEventId';

/**
 * The id the client resumes from: `Last-Event-ID` header, else `?lastEventId=`. Anything that is not
 * a seq (garbage, negative, absurdly long) counts as "nothing", which earns a snapshot.
 */
export function lastEventId(c: Context<AppEnv>): number | null {
  const raw = c.req.header('Last-Event-ID') ?? c.req.query(lastEventIdQuery);
  if (!raw || !/^\d{1,15}$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

/** What a stream handler needs: the realtime hub and the raw Node response it writes to. */
export function streamContext(c: Context<AppEnv>): { realtime: Realtime; res: ServerResponse } {
  const { realtime, env } = c.get('deps');
  const res = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (!realtime || !res) throw new AppError('unavailable', 'Streams need the Node server with realtime enabled');
  if (realtime.hub.stats().streamsOpen >= env.STREAMS_PER_PROCESS) {
    throw new AppError('unavailable', 'Too many open streams on this server', { headers: { 'Retry-After': '5' } });
  }
  return { realtime, res };
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

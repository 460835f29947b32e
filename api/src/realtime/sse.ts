// Server-Sent Events framing (WHATWG HTML, "Server-sent events"). Data is JSON, so it never holds a
// raw newline and always fits on one `data:` line.

/** One SSE message; `id` omitted for the first parts of a multi-part change (the last part carries it). */
export function sseFrame(event: string, data: unknown, id?: number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The reconnection delay hint sent once on connect. */
export function sseRetry(ms: number): string {
  return `retry: ${ms}\n\n`;
}

/** The heartbeat: a comment line, ignored by parsers, that keeps proxies and the client's timer alive. */
export const heartbeatFrame = Buffer.from(':\n\n');

/**
 * The seq in a raw Last-Event-ID value (header or `?lastEventId=`), or null. Anything that is not a
 * seq (garbage, negative, absurdly long) counts as "nothing", which earns a snapshot.
 */
export function parseLastEventId(raw: string | undefined | null): number | null {
  if (!raw || !/^\d{1,15}$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

/** Headers of every stream answer. */
export const streamHeaders: Record<string, string> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
  'X-Content-Type-Options': 'nosniff',
};

import type { Outbound } from './outbound.ts';
import { sendOutbound } from './request.ts';

/**
 * A `fetch` for libraries that take one (supabase-js's `global.fetch`, jose's `customFetch`), so their
 * calls go through `outbound/` too: injectable lookup and connect, 15 s, no redirects followed. For
 * addresses the operator configured (SUPABASE_URL), so private addresses are allowed by default; bodies
 * are strings or absent (JSON APIs), answers are capped at `maxResponseBytes` (1 MiB).
 */
export function outboundFetch(
  outbound: Outbound,
  { allowPrivate = true, maxResponseBytes = 1024 * 1024 }: { allowPrivate?: boolean; maxResponseBytes?: number } = {},
): typeof fetch {
  return async (input, init = {}) => {
    const request = input instanceof Request ? input : null;
    const url = request ? request.url : String(input);
    const method = (init.method ?? request?.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    new Headers(init.headers ?? request?.headers).forEach((value, name) => (headers[name] = value));
    let body: string | undefined;
    if (init.body !== undefined && init.body !== null) {
      if (typeof init.body !== 'string') throw new TypeError('outboundFetch sends string bodies only');
      body = init.body;
    } else if (request && method !== 'GET' && method !== 'HEAD') body = await request.text();
    const answer = await sendOutbound(outbound, {
      url,
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
      allowPrivate,
      maxResponseBytes,
      ...(init.signal ? { signal: init.signal } : {}),
    });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) responseHeaders.append(name, one);
    }
    const empty = answer.status === 204 || answer.status === 304 || method === 'HEAD';
    return new Response(empty ? null : answer.body, { status: answer.status, headers: responseHeaders });
  };
}

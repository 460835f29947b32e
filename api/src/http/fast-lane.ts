import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Deps } from './app-env.ts';
import { pickRequestId } from './request-id.ts';
import { parseTrustProxy, resolveClientIp, type TrustProxy } from '../limits/client-ip.ts';
import { publicSnapshots } from '../public-snapshot/registry.ts';
import { cachedAnswer, publicHeaderEntries } from './public-headers.ts';
import { orgSlugPattern } from '../contract/org-slug.ts';
import { cachedPublicStreamOrg, openPublicStream, resolvePublicStream } from '../realtime/open-public-stream.ts';
import { parseLastEventId } from '../realtime/sse.ts';
import { requestLimits } from '../limits/request-limits.ts';

const prefix = '/api/public/status/';
const streamSlug = /^[a-z0-9-]{1,64}$/;
const statusRoute = '/api/public/status/:orgSlug';
const streamRoute = '/api/public/status/:orgSlug/stream';

/**
 * The two hottest public requests, answered on node:http before Hono: a warm public snapshot (GET and
 * HEAD, from the same snapshot registry, with the same header and ETag functions as the Hono route)
 * and an admitted public stream of a current slug (the same openPublicStream as the Hono route). Each
 * takes only its happy path; anything else — a cold cache, a renamed or unknown slug, a refused
 * stream, an Authorization header (which Hono must verify), odd query parameters — goes to Hono
 * untouched, so every answer but these two is still the framework's. Why: Hono and
 * @hono/node-server build a Request, Headers and a Response per request (half the throughput of a
 * bare server on a warm read), and keep that Request alive as long as a stream is open.
 *
 * It lives in `http/` (the server's layer, below the routes) and imports no route: what it shares
 * with the Hono routes sits below both — the public headers and ETag answer in `http/public-headers.ts`,
 * the slug pattern in `contract/org-slug.ts`, opening and resolving a public stream in
 * `realtime/open-public-stream.ts`, Last-Event-ID parsing in `realtime/sse.ts` — so the routes and the
 * fast lane call the same code without the server depending on the route layer.
 */
export function withFastLane(deps: Deps, next: RequestListener): RequestListener {
  const { env, log } = deps;
  const trust: TrustProxy = parseTrustProxy(env.TRUST_PROXY);
  const caps = { perIp: env.STREAMS_PER_IP, perProcess: env.STREAMS_PER_PROCESS };

  const logRequest = (requestId: string, method: string, route: string, status: number, started: number) =>
    log.info({ requestId, method, route, status, ms: Math.round(performance.now() - started) }, 'request');
  // Counted under the same route patterns as Hono's routes, so a warm read is one series wherever it is answered.
  const countRequest = (method: string, route: string, status: number, started: number) =>
    deps.metrics.http.observe(method, route, status, (performance.now() - started) / 1000);

  const limits = requestLimits(deps);
  const ipOf = (req: IncomingMessage) =>
    resolveClientIp({ socketAddress: req.socket.remoteAddress, forwardedFor: header(req, 'x-forwarded-for'), trust });

  function page(req: IncomingMessage, res: ServerResponse, slug: string, started: number): boolean {
    const cached = orgSlugPattern.test(slug) ? publicSnapshots(deps).cachedPage(slug) : undefined;
    if (!cached) return false;
    // Over the client's limit: Hono counts it again and answers the 429.
    const ip = ipOf(req);
    if (!limits.publicReads.check(ip).allowed) return false;
    limits.publicReads.hit(ip);
    const ifNoneMatch = req.headers['if-none-match'];
    const answer = cachedAnswer(cached.status, 'application/json; charset=utf-8', ifNoneMatch);
    const requestId = pickRequestId(header(req, 'x-request-id'));
    const headers: Record<string, string | number> = {
      ...publicHeaderEntries,
      'X-Request-Id': requestId,
      ...answer.headers,
    };
    if (answer.body) headers['Content-Length'] = answer.body.byteLength;
    res.writeHead(answer.status, headers);
    res.end(req.method === 'HEAD' ? undefined : (answer.body ?? undefined));
    logRequest(requestId, req.method!, statusRoute, answer.status, started);
    countRequest(req.method!, statusRoute, answer.status, started);
    return true;
  }

  async function stream(
    req: IncomingMessage,
    res: ServerResponse,
    slug: string,
    query: URLSearchParams | null,
    started: number,
  ): Promise<void> {
    const realtime = deps.realtime;
    const queryId = query?.get('lastEventId') ?? undefined;
    if (!realtime || !streamSlug.test(slug) || (queryId !== undefined && queryId.length > 32)) return next(req, res);
    const org = cachedPublicStreamOrg(deps, slug) ?? (await resolvePublicStream(deps.db, slug).catch(() => null));
    if (!org || org.slug !== slug || res.destroyed) return next(req, res);
    const ip = ipOf(req);
    // Refusals are Hono's to answer (429/503 with the error body); it counts the connect itself.
    if (!limits.streamConnects.check(ip).allowed) return next(req, res);
    const release = realtime.admission.admit(ip, caps);
    if (typeof release === 'string') return next(req, res);
    limits.streamConnects.hit(ip);
    const requestId = pickRequestId(header(req, 'x-request-id'));
    const after = parseLastEventId(header(req, 'last-event-id') ?? queryId);
    logRequest(requestId, 'GET', streamRoute, 200, started);
    countRequest('GET', streamRoute, 200, started);
    await openPublicStream({ deps, realtime, org, res, after, requestId, release });
  }

  return (req, res) => {
    const url = req.url ?? '';
    if (!url.startsWith(prefix) || req.headers.authorization !== undefined) return next(req, res);
    const started = performance.now();
    const mark = url.indexOf('?');
    const path = mark === -1 ? url.slice(prefix.length) : url.slice(prefix.length, mark);
    const slash = path.indexOf('/');
    if (slash === -1 && mark === -1 && (req.method === 'GET' || req.method === 'HEAD')) {
      if (page(req, res, path, started)) return;
    } else if (slash !== -1 && path.slice(slash) === '/stream' && req.method === 'GET') {
      const query = mark === -1 ? null : new URLSearchParams(url.slice(mark + 1));
      if (query && [...query.keys()].some((key) => key !== 'lastEventId')) return next(req, res);
      stream(req, res, path.slice(0, slash), query, started).catch((error: unknown) => {
        log.error({ err: error }, 'public stream fast lane failed');
        if (!res.headersSent) next(req, res);
        else res.destroy();
      });
      return;
    }
    return next(req, res);
  };
}

/** One request header as a string (node:http joins repeated ones only for some names). */
function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

import { serveApp } from '../streams.ts';
import type { TestContext } from '../test-app.ts';
import type { MatrixRequest } from './types.ts';

/** Fills `{param}` segments of an OpenAPI path pattern; a missing value is a mistake in the row. */
export function fillPath(pattern: string, params: Record<string, string> = {}): string {
  return pattern.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`matrix row for ${pattern} gives no value for {${name}}`);
    return encodeURIComponent(value);
  });
}

const servers = new WeakMap<TestContext, Promise<Awaited<ReturnType<typeof serveApp>>>>();
const open = new Set<Promise<Awaited<ReturnType<typeof serveApp>>>>();

/** The context's app on a real port through the production listener (started on first use). */
function serverFor(t: TestContext): Promise<Awaited<ReturnType<typeof serveApp>>> {
  let server = servers.get(t);
  if (!server) {
    server = serveApp(t.app, t.deps);
    servers.set(t, server);
    open.add(server);
  }
  return server;
}

/** Closes the servers event-stream cases started (call before the context closes). */
export async function closeMatrixServers(): Promise<void> {
  const started = [...open];
  open.clear();
  for (const server of started) await (await server).close();
}

/**
 * Sends one matrix request through app.request (no port); an event stream (a path ending in
 * `/stream`) through a real server instead, since streams write to the Node response.
 */
export function sendMatrixRequest(
  t: TestContext,
  method: string,
  pattern: string,
  request: MatrixRequest,
  auth: Record<string, string>,
): Promise<Response> {
  const query = request.query ? `?${new URLSearchParams(request.query)}` : '';
  const headers: Record<string, string> = { ...auth, ...request.headers };
  let body: RequestInit['body'] = request.body;
  if (request.json !== undefined) {
    body = JSON.stringify(request.json);
    headers['Content-Type'] ??= 'application/json';
  }
  const path = `${fillPath(pattern, request.params)}${query}`;
  const init = { method: method.toUpperCase(), headers, body, redirect: 'manual' as const };
  if (pattern.endsWith('/stream')) return serverFor(t).then((server) => fetch(`${server.url}${path}`, init));
  return Promise.resolve(t.app.request(path, init));
}

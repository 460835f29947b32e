import { serve } from '@hono/node-server';
import type { Server, ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { App } from '../src/app.ts';
import type { Deps } from '../src/http/app-env.ts';
import { listen } from '../src/http/listen.ts';
import type { Database } from '../src/db/types.ts';
import { asSystem } from '../src/db/doors.ts';
import { appendEvent } from '../src/db/events.ts';

/**
 * The app on a real port (streams write to the Node response, which `app.request()` does not have).
 * With `deps`, through the production listener (http/listen.ts: the public fast lane, then Hono),
 * with `serverOptions` (e.g. the production timeouts of http/server-options.ts).
 */
export async function serveApp(
  app: App,
  deps?: Deps,
  serverOptions: ServerOptions = {},
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = await new Promise<Server>((resolve) => {
    const s: Server = deps
      ? listen(app, deps, { port: 0, hostname: '127.0.0.1', serverOptions }, () => resolve(s))
      : (serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s)) as Server);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One parsed SSE message, with its `data` decoded from JSON. */
export interface SseEvent {
  id: string | undefined;
  event: string | undefined;
  data: Record<string, unknown>;
}

/** An open SSE response read with fetch + eventsource-parser, collecting every event. */
export interface SseReader {
  status: number;
  headers: Headers;
  events: SseEvent[];
  retry: number | null;
  comments: number;
  /** Resolves when the server ends the stream (or it errors). */
  ended: Promise<void>;
  /** Waits (bounded) until `predicate` holds for the collected events. */
  until(predicate: (events: SseEvent[]) => boolean, timeoutMs?: number): Promise<SseEvent[]>;
  close(): void;
}

/** Opens `url` as an SSE stream. */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { Accept: 'text/event-stream', ...headers },
    signal: abort.signal,
    redirect: 'manual',
  });
  const reader: SseReader = {
    status: response.status,
    headers: response.headers,
    events: [],
    retry: null,
    comments: 0,
    ended: Promise.resolve(),
    async until(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(reader.events)) {
        if (Date.now() > deadline)
          throw new Error(
            `SSE wait timed out with ${reader.events.length} events: ${JSON.stringify(reader.events.slice(-3))}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return reader.events;
    },
    close: () => abort.abort(),
  };
  const parser = createParser({
    onEvent: (message: EventSourceMessage) =>
      reader.events.push({
        id: message.id,
        event: message.event,
        data: JSON.parse(message.data) as Record<string, unknown>,
      }),
    onRetry: (ms) => (reader.retry = ms),
    onComment: () => reader.comments++,
  });
  reader.ended = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body) parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
    } catch {
      // aborted or cut: the stream is over either way
    }
  })();
  return reader;
}

/** Polls `condition` until it holds (bounded; for counts that settle asynchronously). */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A service row written the way the domain routes do: the row, then its event in the same transaction. */
export async function createService(
  db: Database,
  orgId: string,
  { name = 'API', isPublic = true } = {},
): Promise<{ id: string }> {
  return asSystem(db, 'test', async (tx) => {
    const slug = `svc-${Math.random().toString(36).slice(2, 10)}`;
    const [service] = await tx.query<Record<string, unknown> & { id: string }>(
      `insert into public.services (org_id, slug, name, is_public) values ($1, $2, $3, $4) returning *`,
      [orgId, slug, name, isPublic],
    );
    await appendEvent(tx, orgId, 'service.created', { service });
    return service!;
  });
}

/** Changes a service's status or visibility, appending `service.status_changed` / `service.updated`. */
export async function updateService(
  db: Database,
  orgId: string,
  id: string,
  change: { status?: string; isPublic?: boolean },
): Promise<number> {
  return asSystem(db, 'test', async (tx) => {
    const [service] = await tx.query<Record<string, unknown>>(
      `update public.services set status = coalesce($3, status), is_public = coalesce($4, is_public), updated_at = now()
       where org_id = $1 and id = $2 returning *`,
      [orgId, id, change.status ?? null, change.isPublic ?? null],
    );
    const event = await appendEvent(tx, orgId, change.status ? 'service.status_changed' : 'service.updated', {
      service,
    });
    return Number(event.seq);
  });
}

import { createParser } from 'eventsource-parser';
import type { PublicStreamEventMap } from '../../api/src/contract/stream-events.ts';

/** One parsed event: `event` names the payload type in the map `M`. */
export type StreamEvent<M> = { [K in keyof M & string]: { event: K; id: string | undefined; data: M[K] } }[keyof M &
  string];

export interface StreamClientOptions<M> {
  /** The stream URL, e.g. `https://host/api/public/status/acme/stream`. */
  url: string;
  /** Resume after this id (a page rendered at seq N passes N, so nothing between render and connect is missed). */
  lastEventId?: string;
  /** Extra request headers (e.g. Authorization); a function is called on every (re)connect. */
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
  onEvent: (event: StreamEvent<M>) => void;
  /** The server answered 200 and the stream is flowing (again): the connection is live. */
  onOpen?: () => void;
  /** Connection trouble; `retryInMs` null means the client gave up (401, 403, 404, 410). */
  onError?: (error: Error, retryInMs: number | null) => void;
  /** Reconnect when nothing (not even a heartbeat) arrives for this long. */
  heartbeatTimeoutMs?: number;
  minDelayMs?: number;
  maxDelayMs?: number;
}

const fatal = new Set([400, 401, 403, 404, 410]);

/**
 * A Server-Sent Events client on `fetch` (EventSource gives up on any non-200 and cannot send
 * headers): resumes with `?lastEventId=` (a query, so cross-origin streams need no preflight),
 * reconnects with exponential backoff and full jitter, honours `Retry-After` and the server's
 * `retry:`, and reconnects a stream that falls silent. `close()` aborts everything.
 */
export function openEventStream<M = PublicStreamEventMap>(
  options: StreamClientOptions<M>,
): { close(): void; readonly lastEventId: string | undefined } {
  const { heartbeatTimeoutMs = 45_000, minDelayMs = 1_000, maxDelayMs = 30_000 } = options;
  const stop = new AbortController();
  let lastEventId = options.lastEventId;
  let serverRetry = 0;

  const connect = async (): Promise<number | null> => {
    const attempt = new AbortController();
    const abort = () => attempt.abort();
    stop.signal.addEventListener('abort', abort);
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const feedWatchdog = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(abort, heartbeatTimeoutMs);
    };
    try {
      const url = new URL(options.url);
      if (lastEventId !== undefined) url.searchParams.set('lastEventId', lastEventId);
      const headers = typeof options.headers === 'function' ? await options.headers() : options.headers;
      feedWatchdog();
      const response = await fetch(url, {
        headers: { Accept: 'text/event-stream', ...headers },
        signal: attempt.signal,
        cache: 'no-store',
      });
      if (!response.ok || !response.body) {
        const retryAfter = Number(response.headers.get('Retry-After'));
        const error = new Error(`Stream answered ${response.status}`);
        if (fatal.has(response.status)) return (options.onError?.(error, null), null);
        throw Object.assign(error, {
          retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
        });
      }
      options.onOpen?.();
      const parser = createParser({
        onEvent: (message) => {
          if (message.id !== undefined) lastEventId = message.id;
          options.onEvent({
            event: (message.event ?? 'message') as keyof M & string,
            id: message.id,
            data: JSON.parse(message.data),
          } as StreamEvent<M>);
        },
        onRetry: (ms) => (serverRetry = ms),
      });
      const decoder = new TextDecoder();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        feedWatchdog();
        parser.feed(decoder.decode(chunk, { stream: true }));
      }
      return 0; // the server ended the stream: reconnect at once (with its `retry:` delay)
    } finally {
      clearTimeout(watchdog);
      stop.signal.removeEventListener('abort', abort);
    }
  };

  void (async () => {
    for (let failures = 0; !stop.signal.aborted;) {
      let delay: number;
      try {
        const result = await connect();
        if (result === null) return;
        failures = 0;
        delay = serverRetry;
      } catch (error) {
        if (stop.signal.aborted) return;
        const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** failures++);
        delay =
          (error as { retryAfterMs?: number }).retryAfterMs ??
          Math.max(serverRetry, ceiling / 2 + Math.random() * (ceiling / 2));
        options.onError?.(error as Error, delay);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        stop.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  })();

  return {
    close: () => stop.abort(),
    get lastEventId() {
      return lastEventId;
    },
  };
}

import type { PublicStreamEventMap } from '../../api/src/contract/stream-events.ts';
/** One parsed event: `event` names the payload type in the map `M`. */
export type StreamEvent<M> = {
    [K in keyof M & string]: {
        event: K;
        id: string | undefined;
        data: M[K];
    };
}[keyof M & string];
export interface StreamClientOptions<M> {
    /** The stream URL, e.g. `https://host/api/public/status/acme/stream`. */
    url: string;
    /** Resume after this id (a page rendered at seq N passes N, so nothing between render and connect is missed). */
    lastEventId?: string;
    /** Extra request headers (e.g. Authorization); a function is called on every (re)connect. */
    headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
    onEvent: (event: StreamEvent<M>) => void;
    /** Connection trouble; `retryInMs` null means the client gave up (401, 403, 404, 410). */
    onError?: (error: Error, retryInMs: number | null) => void;
    /** Reconnect when nothing (not even a heartbeat) arrives for this long. */
    heartbeatTimeoutMs?: number;
    minDelayMs?: number;
    maxDelayMs?: number;
}
/**
 * A Server-Sent Events client on `fetch` (EventSource gives up on any non-200 and cannot send
 * headers): resumes with `?lastEventId=` (a query, so cross-origin streams need no preflight),
 * reconnects with exponential backoff and full jitter, honours `Retry-After` and the server's
 * `retry:`, and reconnects a stream that falls silent. `close()` aborts everything.
 */
export declare function openEventStream<M = PublicStreamEventMap>(options: StreamClientOptions<M>): {
    close(): void;
    readonly lastEventId: string | undefined;
};

import type { ServerResponse } from 'node:http';
import type { Hub } from './hub.ts';
import type { Subscriber } from './subscriber.ts';
import { sseRetry, streamHeaders } from './sse.ts';

export interface OpenStreamOptions {
  hub: Hub;
  res: ServerResponse;
  topic: string;
  headers?: Record<string, string>;
  retryMs: number;
  /** Frees the stream's admission slot (per-IP and per-process counts) when the stream ends. */
  release?: () => void;
  /** Sets the stream up before events flow (expiry timers, access re-checks). */
  prepare?: (sub: Subscriber) => void;
  /** Writes what the client missed (replay or snapshot); resolves to the seq it reaches. */
  replay: (write: (frame: string | Buffer) => void) => Promise<number>;
  /** The stream is live from `seq` on (the reader follows the org from there). */
  onLive: (seq: number) => void;
  /** A replay that failed (database down): the stream is cut and the client retries. */
  onError: (error: unknown) => void;
}

/**
 * Answers an SSE request on the raw Node response: headers, `retry:`, then the replay while live
 * events are held, then live delivery. The subscriber is registered BEFORE the replay is read, so an
 * event committed meanwhile is either in the replay or held and sent after it — never lost; held
 * events at or below the replayed seq are skipped, so none arrives twice.
 */
export async function openStream({
  hub,
  res,
  topic,
  headers = {},
  retryMs,
  release,
  prepare,
  replay,
  onLive,
  onError,
}: OpenStreamOptions): Promise<void> {
  let sub: Subscriber;
  try {
    res.writeHead(200, { ...streamHeaders, ...headers });
    res.write(sseRetry(retryMs));
    sub = hub.subscribe(topic, res, -1);
  } catch (error) {
    release?.();
    throw error;
  }
  // After subscribe: a response that is already closed has released the subscriber, so release now.
  if (release) {
    if (sub.closed) release();
    else sub.cleanups.push(release);
  }
  prepare?.(sub);
  try {
    const seq = await replay((frame) => sub.write(typeof frame === 'string' ? Buffer.from(frame) : frame));
    if (sub.closed) return;
    sub.goLive(seq);
    onLive(seq);
  } catch (error) {
    onError(error);
    res.destroy();
  }
}

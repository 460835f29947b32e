import type { PublicStatus } from '../../api/src/contract/public-status.ts';

export interface PollOptions {
  /** `…/api/public/status/<slug>`: answers `{ data: PublicStatus }` with an ETag. */
  url: string;
  intervalMs: number;
  onSnapshot: (status: PublicStatus) => void;
  /** 404: the org is gone; polling stops. */
  onUnknown: () => void;
  /** After each poll, counted from 1 (the caller probes the stream every few polls). */
  onPoll?: (count: number) => void;
}

/**
 * The fallback where streaming keeps failing (a buffering proxy, a blocked stream): the snapshot,
 * revalidated with If-None-Match (a 304 costs nearly nothing) at a jittered interval. Loaded lazily:
 * most pages never need it. Returns a function that stops it.
 */
export function pollSnapshot({ url, intervalMs, onSnapshot, onUnknown, onPoll }: PollOptions): () => void {
  let etag: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let count = 0;

  const poll = async () => {
    try {
      const response = await fetch(url, { headers: etag ? { 'If-None-Match': etag } : {}, cache: 'no-cache' });
      if (response.status === 404) return void ((stopped = true), onUnknown());
      if (response.ok) {
        etag = response.headers.get('ETag');
        onSnapshot(((await response.json()) as { data: PublicStatus }).data);
      }
    } catch {
      // The network is down too: try again at the next tick.
    }
    if (stopped) return;
    onPoll?.(++count);
    if (!stopped) timer = setTimeout(poll, intervalMs * (0.7 + Math.random() * 0.6));
  };

  void poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

import { openEventStream } from './stream-client.ts';
import { applyStreamEvent, type OrgStatus } from './org-status.ts';

/**
 * Where a feed stands. `connecting`: no answer yet; `live`: the stream flows; `polling`: streaming
 * failed repeatedly and the snapshot is polled instead; `lost`: the last connection broke and a
 * retry is pending; `unknown`: the API does not know the org (404, given up: no retry storm).
 */
export type FeedPhase = 'connecting' | 'live' | 'polling' | 'lost' | 'unknown';

/** What every badge of one org sees; replaced (never mutated) on every change. */
export interface FeedState {
  phase: FeedPhase;
  status: OrgStatus | null;
}

/**
 * One org's shared connection. Its shape is the contract between copies of the script on one page
 * (a badge of another copy may subscribe to it), so it only ever grows.
 */
export interface OrgFeed {
  readonly state: FeedState;
  subscribe(listener: (state: FeedState) => void): () => void;
}

/** Timings of the fallback; tests and the demo may lower them through the registry. */
export interface FeedTuning {
  /** Consecutive stream failures (without ever opening) before polling takes over. */
  failuresBeforePolling: number;
  /** Mean polling interval; each wait is jittered by ±30 % so many pages do not poll in step. */
  pollIntervalMs: number;
  /** While polling, try the stream again every this many polls. */
  pollsBetweenStreamProbes: number;
}

export const defaultTuning: FeedTuning = {
  failuresBeforePolling: 3,
  pollIntervalMs: 30_000,
  pollsBetweenStreamProbes: 4,
};

/** Opens the org's public stream (falling back to polling) and shares its state with subscribers. */
export function createOrgFeed(api: string, org: string, tuning: FeedTuning, onIdle: () => void): OrgFeed {
  const listeners = new Set<(state: FeedState) => void>();
  const base = new URL(`/api/public/status/${encodeURIComponent(org)}`, api).toString();
  let state: FeedState = { phase: 'connecting', status: null };
  let stream: { close(): void } | null = null;
  let stopPolling: (() => void) | null = null;
  let failures = 0;

  const set = (next: Partial<FeedState>) => {
    state = { ...state, ...next };
    for (const listener of listeners) listener(state);
  };

  const openStream = (probe: boolean) => {
    stream?.close();
    const opened = openEventStream({
      url: `${base}/stream`,
      lastEventId: state.status ? String(state.status.seq) : undefined,
      onOpen: () => {
        failures = 0;
        stopPolling?.();
        stopPolling = null;
        set({ phase: 'live' });
      },
      onEvent: (message) => set({ status: applyStreamEvent(state.status, message) }),
      onError: (_error, retryInMs) => {
        if (retryInMs === null) return set({ phase: state.status ? 'lost' : 'unknown' });
        if (probe) return void (opened.close(), stream === opened && (stream = null));
        failures++;
        if (state.phase !== 'polling') set({ phase: 'lost' });
        if (failures >= tuning.failuresBeforePolling && !stopPolling) {
          opened.close();
          stream = null;
          void startPolling();
        }
      },
    });
    stream = opened;
  };

  const startPolling = async () => {
    const { pollSnapshot } = await import('./poll-snapshot.ts');
    if (listeners.size === 0) return;
    stopPolling = pollSnapshot({
      url: base,
      intervalMs: tuning.pollIntervalMs,
      onSnapshot: (status) => set({ phase: 'polling', status }),
      onUnknown: () => set({ phase: 'unknown' }),
      onPoll: (count) => {
        if (count % tuning.pollsBetweenStreamProbes === 0) openStream(true);
      },
    });
  };

  openStream(false);
  return {
    get state() {
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        stream?.close();
        stopPolling?.();
        onIdle();
      };
    },
  };
}

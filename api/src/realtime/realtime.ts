import type { Database } from '../db/types.ts';
import type { Logger } from '../logger.ts';
import { Hub, type HubOptions, type HubStats } from './hub.ts';
import { EventReader, type ReadEvent } from './event-reader.ts';
import { memberEventFrame, orgEventFrame, publicEventFrames } from './frames.ts';
import { orgMembersTopic, orgTopic, publicTopic, topicOrg } from './topics.ts';
import { StreamAdmission } from './stream-admission.ts';
import { sseRetry } from './sse.ts';

export interface RealtimeOptions extends HubOptions {
  db: Database;
  log: Logger;
  /** The `retry:` hint sent on connect. */
  retryMs?: number;
  /** Replay window (defaults and caps: 10,000 events, 24 h per org). */
  replayMaxEvents?: number;
  replayMaxAgeS?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/** Event types after which an org stream's access is re-checked at once (membership, keys, org). */
const accessEvent = /^(member|membership|invitation|api_key|organization)s?\./;

/**
 * Realtime for one API process: the event-log reader feeding the in-process hub. Each event is
 * serialised once per audience (the org stream, and the public stream when it changed something
 * public) and the same Buffer goes to every subscriber of that org.
 */
export function createRealtime(options: RealtimeOptions) {
  const { db, log, retryMs = 3_000, replayMaxEvents = 10_000, replayMaxAgeS = 86_400 } = options;
  const notifyHooks = new Set<(orgId: string, seq: number) => void>();
  const wants = (orgId: string) =>
    hub.has(orgTopic(orgId)) || hub.has(orgMembersTopic(orgId)) || hub.has(publicTopic(orgId));
  const hub = new Hub({
    ...options,
    onTopicEmpty: (topic) => {
      const orgId = topicOrg(topic);
      if (!wants(orgId)) reader.unfollow(orgId);
    },
  });

  const dispatch = (orgId: string, events: ReadEvent[]) => {
    const privateTopic = orgTopic(orgId);
    const membersTopic = orgMembersTopic(orgId);
    const audience = publicTopic(orgId);
    let recheck = false;
    for (const event of events) {
      const seq = Number(event.seq);
      if (hub.has(privateTopic)) hub.publish(privateTopic, seq, Buffer.from(orgEventFrame(event)));
      if (hub.has(membersTopic)) hub.publish(membersTopic, seq, Buffer.from(memberEventFrame(event)));
      if (event.public_events && hub.has(audience)) {
        hub.publish(audience, seq, Buffer.from(publicEventFrames(seq, event.public_events, event.indicator ?? 'none')));
      }
      if (accessEvent.test(event.type)) recheck = true;
    }
    if (recheck) void hub.recheck([privateTopic, membersTopic]);
  };

  const reader = new EventReader({
    db,
    log,
    wants,
    dispatch,
    onNotify: (orgId, seq) => {
      for (const hook of notifyHooks) hook(orgId, seq);
    },
    ...(options.minBackoffMs !== undefined ? { minBackoffMs: options.minBackoffMs } : {}),
    ...(options.maxBackoffMs !== undefined ? { maxBackoffMs: options.maxBackoffMs } : {}),
  });

  const admission = new StreamAdmission();

  return {
    hub,
    reader,
    /** Per-IP and per-process stream caps (STREAMS_PER_IP, STREAMS_PER_PROCESS). */
    admission,
    retryMs,
    replayMaxEvents,
    replayMaxAgeS,
    /** Starts LISTENing; call before the server accepts streams. */
    start: () => reader.start(),
    /**
     * Ends every stream cleanly with a `retry:` hint (a graceful shutdown: clients come back, to
     * another process, within `retryMs`); the LISTEN connection stays until `close`.
     */
    endStreams() {
      hub.closeAll(`${sseRetry(retryMs)}: shutting down\n\n`);
    },
    /** Ends every stream and the LISTEN connection (before the database closes). */
    async close() {
      hub.closeAll();
      await reader.stop();
    },
    /** Calls `hook` on every event notification of any org (e.g. to invalidate a cache). */
    onNotify(hook: (orgId: string, seq: number) => void): () => void {
      notifyHooks.add(hook);
      return () => notifyHooks.delete(hook);
    },
    /** Counts for metrics and leak tests. */
    stats(): HubStats & { followedOrgs: number; reconnects: number; admitted: number; clientIps: number } {
      return {
        ...hub.stats(),
        followedOrgs: reader.followed,
        reconnects: reader.reconnects,
        admitted: admission.open,
        clientIps: admission.clients,
      };
    },
  };
}

/** Realtime for one process (hub, reader, counts). */
export type Realtime = ReturnType<typeof createRealtime>;

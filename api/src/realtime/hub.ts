import type { ServerResponse } from 'node:http';
import { Subscriber, type SlowConsumerLimits } from './subscriber.ts';
import { heartbeatFrame } from './sse.ts';

/** The hub's counts, for the Prometheus exporter and the leak tests. */
export interface HubStats {
  streamsOpen: number;
  /** Open streams by audience: `public` (public:<org>) and `org` (org:<org> and org-members:<org>). */
  streamsByKind: { public: number; org: number };
  /** Events handed to a topic that had at least one stream (one per event and audience). */
  eventsPublished: number;
  eventsSent: number;
  clientsDropped: number;
  /** Topics (org × public/private) with at least one stream. */
  topics: number;
  /** Listeners the hub has attached to responses and not yet removed. */
  listeners: number;
  /** Live timers: the shared heartbeat and the blocked-write timers. */
  timers: number;
}

export interface HubOptions extends Partial<SlowConsumerLimits> {
  /** Comment heartbeat period; at most 15 s (proxies and the client's silence timer rely on it). */
  heartbeatMs?: number;
  /** Called when a topic loses its last stream (the reader stops following that org). */
  onTopicEmpty?: (topic: string) => void;
}

/**
 * The in-process fan-out: per-topic subscribers, each event serialised once by the caller and the
 * same Buffer written to every subscriber's Node response. One shared heartbeat timer runs while any
 * stream is open, so idle streams cost no timer each.
 */
export class Hub {
  private readonly topics = new Map<string, Set<Subscriber>>();
  private readonly limits: SlowConsumerLimits;
  private readonly heartbeatMs: number;
  private readonly onTopicEmpty: (topic: string) => void;
  private heartbeat: NodeJS.Timeout | null = null;
  private open = 0;
  private sent = 0;
  private published = 0;
  private dropped = 0;
  private attached = 0;

  constructor({
    heartbeatMs = 15_000,
    maxQueuedBytes = 1024 * 1024,
    maxBlockedMs = 5_000,
    onTopicEmpty = () => {},
  }: HubOptions = {}) {
    this.heartbeatMs = Math.min(heartbeatMs, 15_000);
    this.limits = { maxQueuedBytes, maxBlockedMs };
    this.onTopicEmpty = onTopicEmpty;
  }

  /** Registers a stream (not yet live: see Subscriber.goLive) and ties its lifetime to the response. */
  subscribe(topic: string, res: ServerResponse, lastSeq: number): Subscriber {
    const sub = new Subscriber(topic, res, lastSeq, this.limits, () => {
      this.dropped++;
    });
    let set = this.topics.get(topic);
    if (!set) this.topics.set(topic, (set = new Set()));
    set.add(sub);
    this.open++;
    const onDrain = () => sub.drained();
    const onError = () => {};
    const onClose = () => {
      if (!sub.release()) return;
      res.off('drain', onDrain).off('error', onError).off('close', onClose);
      this.attached -= 3;
      this.open--;
      const current = this.topics.get(topic);
      current?.delete(sub);
      if (current && current.size === 0) {
        this.topics.delete(topic);
        this.onTopicEmpty(topic);
      }
      if (this.open === 0) this.stopHeartbeat();
    };
    res.on('drain', onDrain).on('error', onError).on('close', onClose);
    this.attached += 3;
    if (res.destroyed) onClose();
    else this.startHeartbeat();
    return sub;
  }

  /** Writes one serialised event to every subscriber of `topic`. */
  publish(topic: string, seq: number, buf: Buffer): void {
    const set = this.topics.get(topic);
    if (!set) return;
    this.published++;
    for (const sub of set) if (sub.deliver(seq, buf)) this.sent++;
  }

  /** Whether any stream follows `topic`. */
  has(topic: string): boolean {
    return this.topics.has(topic);
  }

  /** The streams of `topic` (a copy, safe to iterate while streams close). */
  subscribers(topic: string): Subscriber[] {
    return [...(this.topics.get(topic) ?? [])];
  }

  /** Ends every stream whose access re-check fails (a removed member, a revoked key). */
  async recheck(topics: Iterable<string> = this.topics.keys()): Promise<void> {
    const subs = [...topics].flatMap((topic) => this.subscribers(topic)).filter((sub) => sub.recheck);
    await Promise.all(
      subs.map(async (sub) => {
        const allowed = await sub.recheck!().catch(() => true); // a database hiccup is not a revocation
        if (!allowed) sub.end();
      }),
    );
  }

  stats(): HubStats {
    let blocked = 0;
    for (const set of this.topics.values()) for (const sub of set) blocked += sub.timers;
    const streamsByKind = { public: 0, org: 0 };
    for (const [topic, set] of this.topics) streamsByKind[topic.startsWith('public:') ? 'public' : 'org'] += set.size;
    return {
      streamsOpen: this.open,
      streamsByKind,
      eventsPublished: this.published,
      eventsSent: this.sent,
      clientsDropped: this.dropped,
      topics: this.topics.size,
      listeners: this.attached,
      timers: blocked + (this.heartbeat ? 1 : 0),
    };
  }

  /**
   * Ends every stream (shutdown). With `farewell` (e.g. a `retry:` hint), each stream is ended
   * cleanly with it, so clients reconnect to another process after that delay instead of seeing an
   * error; without, sockets are destroyed.
   */
  closeAll(farewell?: string): void {
    for (const set of [...this.topics.values()]) {
      for (const sub of [...set]) {
        if (farewell && !sub.res.destroyed) sub.res.end(farewell);
        else sub.res.destroy();
      }
    }
    this.stopHeartbeat();
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      for (const set of this.topics.values()) for (const sub of set) if (sub.live) sub.write(heartbeatFrame);
      void this.recheck();
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }
}

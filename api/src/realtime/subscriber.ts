import type { ServerResponse } from 'node:http';

/** Limits that protect the process from slow consumers (Centrifugo: 1 MiB queue; Mercure: 5 s). */
export interface SlowConsumerLimits {
  maxQueuedBytes: number;
  maxBlockedMs: number;
}

/**
 * One open stream. Until `goLive`, published events are held (the stream is still sending its
 * replay); afterwards every buffer goes straight to the Node response. Events at or below the seq the
 * client already has are skipped, so replay and live delivery neither overlap nor leave a gap.
 */
export class Subscriber {
  readonly topic: string;
  readonly res: ServerResponse;
  lastSeq: number;
  live = false;
  closed = false;
  /** Cut off as a slow consumer (its 'close' may arrive a tick later). */
  dropped = false;
  /** Extra work to release with the stream (expiry timers, membership checks). */
  readonly cleanups: (() => void)[] = [];
  /** Re-checks that the caller may still read the stream; false ends it (org streams). */
  recheck: (() => Promise<boolean>) | null = null;
  private pending: { seq: number; buf: Buffer }[] = [];
  private pendingBytes = 0;
  private blockedTimer: NodeJS.Timeout | null = null;
  private readonly limits: SlowConsumerLimits;
  private readonly onDrop: (sub: Subscriber) => void;

  constructor(
    topic: string,
    res: ServerResponse,
    lastSeq: number,
    limits: SlowConsumerLimits,
    onDrop: (sub: Subscriber) => void,
  ) {
    this.topic = topic;
    this.res = res;
    this.lastSeq = lastSeq;
    this.limits = limits;
    this.onDrop = onDrop;
  }

  /** Hands over one published event (already serialised once for all subscribers). */
  deliver(seq: number, buf: Buffer): boolean {
    if (this.closed || this.dropped) return false;
    if (!this.live) {
      this.pendingBytes += buf.length;
      if (this.pendingBytes > this.limits.maxQueuedBytes) return (this.drop(), false);
      this.pending.push({ seq, buf });
      return false;
    }
    if (seq <= this.lastSeq) return false;
    this.lastSeq = seq;
    return this.write(buf);
  }

  /** Writes the buffer, or drops the stream when its queue is over the limit. */
  write(buf: Buffer): boolean {
    if (this.closed || this.dropped) return false;
    if (this.res.writableLength + buf.length > this.limits.maxQueuedBytes) return (this.drop(), false);
    const flushed = this.res.write(buf);
    if (!flushed && !this.blockedTimer) this.watchBlocked(this.bytesWritten());
    return true;
  }

  /** Bytes the socket has handed to the kernel: progress, even while the queue never fully drains. */
  private bytesWritten(): number {
    return this.res.socket?.bytesWritten ?? 0;
  }

  /** Drops the stream if its socket makes no progress for `maxBlockedMs` (a reader that stopped). */
  private watchBlocked(since: number): void {
    this.blockedTimer = setTimeout(() => {
      this.blockedTimer = null;
      const now = this.bytesWritten();
      if (now === since) this.drop();
      else if (this.res.writableLength > 0) this.watchBlocked(now);
    }, this.limits.maxBlockedMs);
    this.blockedTimer.unref();
  }

  /** Called on the response's 'drain': the client caught up, so its write is no longer blocked. */
  drained(): void {
    if (this.blockedTimer) clearTimeout(this.blockedTimer);
    this.blockedTimer = null;
  }

  /** Replay is written (up to `seq`): flush what arrived meanwhile and receive live. */
  goLive(seq: number): void {
    this.lastSeq = Math.max(this.lastSeq, seq);
    this.live = true;
    const held = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    for (const { seq: s, buf } of held) this.deliver(s, buf);
  }

  /** A slow consumer: cut it off; it resumes with Last-Event-ID when it reconnects. */
  drop(): void {
    if (this.closed || this.dropped) return;
    this.dropped = true;
    this.onDrop(this);
    this.res.destroy();
  }

  /** Ends the stream cleanly (access lost, token expired, shutdown). */
  end(): void {
    if (!this.closed) this.res.end();
  }

  /** Releases everything this stream holds; idempotent (the response's 'close' calls it). */
  release(): boolean {
    if (this.closed) return false;
    this.closed = true;
    this.drained();
    this.pending = [];
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    return true;
  }

  /** Timers held by this stream (for the leak test's counts). */
  get timers(): number {
    return this.blockedTimer ? 1 : 0;
  }
}

import type { Database } from '../db/types.ts';
import type { StoredEvent } from '../db/events.ts';
import type { Logger } from '../logger.ts';
import { asSystem } from '../db/doors.ts';

/** One change of the public view recorded beside an event (migration 0080). */
export interface PublicChange {
  type: 'service' | 'incident' | 'maintenance' | 'organization';
  data: Record<string, unknown>;
}

/** An event as the reader hands it over: the log row and its public projection, if any. */
export interface ReadEvent extends StoredEvent {
  public_events: PublicChange[] | null;
  indicator: string | null;
}

export interface EventReaderOptions {
  db: Database;
  log: Logger;
  /** Whether anyone in this process follows the org (only those orgs' events are read). */
  wants: (orgId: string) => boolean;
  /** Receives each org's events in seq order, without gaps or repeats. */
  dispatch: (orgId: string, events: ReadEvent[]) => void;
  /** Every notification, followed or not (e.g. to invalidate the public snapshot cache). */
  onNotify?: (orgId: string, seq: number) => void;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

interface OrgCursor {
  lastSeen: number;
  target: number;
  running: boolean;
}

const channel = 'status_events';
const batch = 500;

/**
 * Follows the event log: one dedicated LISTEN connection per process; a notification `<org>:<seq>`
 * makes it read that org's events after the last seq it saw (commit order is seq order, so nothing is
 * skipped). After the connection is lost it re-listens with backoff and catches every followed org
 * up from its last seq, since notifications sent meanwhile are gone.
 */
export class EventReader {
  private readonly orgs = new Map<string, OrgCursor>();
  private readonly options: EventReaderOptions;
  private unlisten: (() => Promise<void>) | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private stopped = false;
  /** Times the LISTEN connection was re-established (tests and metrics). */
  reconnects = 0;

  constructor(options: EventReaderOptions) {
    this.options = options;
  }

  async start(): Promise<void> {
    await this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const unlisten = this.unlisten;
    this.unlisten = null;
    await unlisten?.();
    this.orgs.clear();
  }

  /** Starts following an org from `seq` (a stream has replayed up to it); no-op when followed. */
  follow(orgId: string, seq: number): void {
    if (!this.orgs.has(orgId)) this.orgs.set(orgId, { lastSeen: seq, target: seq, running: false });
  }

  /** Stops following an org (its last stream closed). */
  unfollow(orgId: string): void {
    this.orgs.delete(orgId);
  }

  /** Orgs followed (for the leak test's counts). */
  get followed(): number {
    return this.orgs.size;
  }

  private async listen(): Promise<void> {
    this.unlisten = await this.options.db.listen(
      channel,
      (payload) => this.onNotification(payload),
      (error) => {
        this.options.log.warn({ err: error }, 'event log LISTEN connection lost; reconnecting');
        this.unlisten = null;
        this.scheduleReconnect();
      },
    );
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const { minBackoffMs = 100, maxBackoffMs = 5_000 } = this.options;
    const ceiling = Math.min(maxBackoffMs, minBackoffMs * 2 ** this.attempt++);
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.reconnect();
    }, delay);
    this.reconnectTimer.unref();
  }

  private async reconnect(): Promise<void> {
    try {
      await this.listen();
    } catch (error) {
      this.options.log.warn({ err: error }, 'event log LISTEN reconnect failed');
      this.unlisten = null;
      return this.scheduleReconnect();
    }
    if (this.stopped) return void (await this.unlisten?.());
    this.attempt = 0;
    this.reconnects++;
    await this.catchUpAll();
  }

  private async catchUpAll(): Promise<void> {
    const ids = [...this.orgs.keys()];
    if (ids.length === 0) return;
    const rows = await this.withRetry(() =>
      asSystem(this.options.db, 'event-reader', (tx) =>
        tx.query<{ id: string; last_event_seq: number }>(
          'select id, last_event_seq from public.organizations where id = any($1::uuid[])',
          [ids],
        ),
      ),
    );
    for (const row of rows ?? []) this.advance(row.id, Number(row.last_event_seq));
  }

  private onNotification(payload: string): void {
    const [orgId, seqText] = payload.split(':');
    const seq = Number(seqText);
    if (!orgId || !Number.isSafeInteger(seq)) return;
    this.options.onNotify?.(orgId, seq);
    if (!this.options.wants(orgId)) return;
    // First notification of an org nobody had replayed: notifications arrive in commit = seq order.
    this.follow(orgId, seq - 1);
    this.advance(orgId, seq);
  }

  private advance(orgId: string, seq: number): void {
    const cursor = this.orgs.get(orgId);
    if (!cursor) return;
    cursor.target = Math.max(cursor.target, seq);
    if (!cursor.running) void this.pump(orgId, cursor);
  }

  private async pump(orgId: string, cursor: OrgCursor): Promise<void> {
    cursor.running = true;
    try {
      while (cursor.lastSeen < cursor.target && this.orgs.get(orgId) === cursor && !this.stopped) {
        const events = await this.withRetry(() => this.read(orgId, cursor.lastSeen));
        if (!events || events.length === 0 || this.orgs.get(orgId) !== cursor) break;
        cursor.lastSeen = Number(events[events.length - 1]!.seq);
        this.options.dispatch(orgId, events);
      }
    } finally {
      cursor.running = false;
    }
  }

  private read(orgId: string, after: number): Promise<ReadEvent[]> {
    return asSystem(this.options.db, 'event-reader', (tx) =>
      tx.query<ReadEvent>(
        `select e.org_id, e.seq, e.type, e.payload, e.actor, e.created_at, p.events as public_events, p.indicator
         from public.status_events e
         left join public.public_stream_events p on p.org_id = e.org_id and p.seq = e.seq
         where e.org_id = $1 and e.seq > $2 order by e.seq limit ${batch}`,
        [orgId, after],
      ),
    );
  }

  /** Retries a read through a database outage; undefined once the reader is stopped. */
  private async withRetry<T>(fn: () => Promise<T>): Promise<T | undefined> {
    const { minBackoffMs = 100, maxBackoffMs = 5_000 } = this.options;
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        return await fn();
      } catch (error) {
        if (this.stopped) return undefined;
        this.options.log.warn({ err: error }, 'event log read failed; retrying');
        const delay = Math.min(maxBackoffMs, minBackoffMs * 2 ** attempt);
        await new Promise((resolve) => setTimeout(resolve, delay / 2 + Math.random() * (delay / 2)));
      }
    }
    return undefined;
  }
}

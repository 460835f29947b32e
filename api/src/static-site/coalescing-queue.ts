/** Counts of a CoalescingQueue (metrics, tests). */
export interface QueueStats {
  runs: number;
  failures: number;
  running: number;
  waiting: number;
}

/**
 * Runs a job per key, at most one at a time per key and `concurrency` in all. A request for a key
 * whose job is running marks it dirty, and a dirty key runs once more when the job ends: however
 * many requests arrive during a run, they cost one more run (50 changes → 2 renders).
 */
export class CoalescingQueue {
  private readonly running = new Map<string, { dirty: boolean }>();
  private readonly waiting = new Set<string>();
  private readonly deferred = new Set<string>();
  private deferTimer: NodeJS.Immediate | null = null;
  private readonly idleWaiters: (() => void)[] = [];
  private readonly job: (key: string) => Promise<void>;
  private readonly concurrency: number;
  private readonly onError: (key: string, error: unknown) => void;
  private runs = 0;
  private failures = 0;

  constructor(options: {
    job: (key: string) => Promise<void>;
    concurrency?: number;
    onError: (key: string, error: unknown) => void;
  }) {
    this.job = options.job;
    this.concurrency = options.concurrency ?? 4;
    this.onError = options.onError;
  }

  /** Asks for a run of `key`: now if possible, else after the running one (once, however often asked). */
  request(key: string): void {
    const current = this.running.get(key);
    if (current) current.dirty = true;
    else this.waiting.add(key);
    this.pump();
  }

  /**
   * `request`, once the work of the current I/O turn is done (setImmediate). For requests made while
   * something more urgent is still under way on this thread: on PGlite a commit notifies its
   * listeners before the writer's transaction has even resolved, and a render job started there
   * would run its queries (synchronous WebAssembly) between the writer's last steps, delaying the
   * write's answer and the realtime reader's read of the event (docs/benchmarks.md, "Write path").
   */
  requestSoon(key: string): void {
    this.deferred.add(key);
    this.deferTimer ??= setImmediate(() => {
      this.deferTimer = null;
      const keys = [...this.deferred];
      this.deferred.clear();
      for (const deferredKey of keys) this.request(deferredKey);
    });
  }

  /** Resolves when nothing runs or waits. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops waiting keys (running jobs finish; they will not run again). */
  clear(): void {
    this.waiting.clear();
    this.deferred.clear();
    for (const state of this.running.values()) state.dirty = false;
  }

  stats(): QueueStats {
    const waiting = this.waiting.size + this.deferred.size;
    return { runs: this.runs, failures: this.failures, running: this.running.size, waiting };
  }

  private pump(): void {
    for (const key of this.waiting) {
      if (this.running.size >= this.concurrency) break;
      if (this.running.has(key)) continue;
      this.waiting.delete(key);
      this.start(key);
    }
    if (this.isIdle()) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private start(key: string): void {
    const state = { dirty: false };
    this.running.set(key, state);
    this.runs++;
    void this.job(key)
      .catch((error: unknown) => {
        this.failures++;
        this.onError(key, error);
      })
      .finally(() => {
        this.running.delete(key);
        if (state.dirty) this.waiting.add(key);
        this.pump();
      });
  }

  private isIdle(): boolean {
    return this.running.size === 0 && this.waiting.size === 0 && this.deferred.size === 0;
  }
}

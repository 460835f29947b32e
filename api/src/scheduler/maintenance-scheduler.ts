import type { Database } from '../db/types.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { asSystem } from '../db/doors.ts';
import { systemAuthor } from '../timeline/author.ts';
import { publishMaintenance } from '../maintenances/mutate.ts';
import { loadMaintenance } from '../maintenances/state.ts';
import { leaderLockFor, type LeaderLock } from './leader-lock.ts';
import { expireAlertHolds } from '../alerts/expire-holds.ts';
import { transitionMaintenance, type MaintenanceTarget } from '../maintenances/transitions.ts';

/** The job's name: its actor in the event log, and its lock. */
export const maintenanceSchedulerJob = 'maintenance-scheduler';

export interface MaintenanceSchedulerOptions {
  db: Database;
  clock: Clock;
  log: Logger;
  /** The PostgreSQL server's URL, for the leader lock's own session (absent on PGlite). */
  databaseUrl?: string | null;
  /** Defaults to the advisory lock (PostgreSQL) or the in-process lock (PGlite). */
  lock?: LeaderLock;
  /** How often `start()` ticks; 1 s keeps every transition well within 5 s of its instant. */
  intervalMs?: number;
  /** Windows handled per query round (a tick keeps going until none is due). */
  batchSize?: number;
  /** Told what every round came to, null when it failed (the operator metrics). */
  onRound?: (result: TickResult | null) => void;
  /** More work of the leader's tick, after the windows; default: expiring stale alert holds. */
  leaderSteps?: readonly ((now: Date) => Promise<unknown>)[];
}

/** What one tick did. */
export interface TickResult {
  leader: boolean;
  started: string[];
  completed: string[];
  /** Windows that passed entirely while no scheduler ran: completed, never started. */
  missed: string[];
}

export interface MaintenanceScheduler {
  /** One round: if leader, start the due windows and complete the ended ones. Overlapping calls share a round. */
  tick(): Promise<TickResult>;
  /** Ticks now (catching up on anything missed while stopped) and then every `intervalMs`. */
  start(): void;
  /** Stops ticking, waits for a running tick, and gives up leadership. */
  stop(): Promise<void>;
}

interface Due {
  id: string;
  org_id: string;
}

/**
 * Starts maintenance windows whose `starts_at` has come and completes those whose `ends_at` has, as
 * the system job `maintenance-scheduler`. Only the leader (see leader-lock.ts) acts, so N API
 * processes move each window once; each window moves in its own transaction under its row lock and
 * re-checks its state there, so even a stale leader or a concurrent PUT cannot move it twice.
 */
export function createMaintenanceScheduler({
  db,
  clock,
  log,
  databaseUrl,
  lock = leaderLockFor(db, databaseUrl, `lantern-${maintenanceSchedulerJob}`),
  intervalMs = 1_000,
  batchSize = 100,
  onRound = () => {},
  leaderSteps = [(now: Date) => expireAlertHolds(db, now)],
}: MaintenanceSchedulerOptions): MaintenanceScheduler {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<TickResult> | null = null;

  const moveOne = async (due: Due, now: Date, result: TickResult) => {
    await asSystem(db, maintenanceSchedulerJob, async (tx) => {
      const current = await loadMaintenance(tx, due.org_id, due.id, { lock: true });
      if (!current) return;
      const ended = Date.parse(current.ends_at) <= now.getTime();
      const begun = Date.parse(current.starts_at) <= now.getTime();
      let target: MaintenanceTarget | null = null;
      let missed = false;
      if (current.status === 'in_progress' && ended) target = 'completed';
      else if (current.status === 'scheduled' && ended) [target, missed] = ['completed', true];
      else if (current.status === 'scheduled' && begun) target = 'in_progress';
      if (!target) return;
      const type = await transitionMaintenance(tx, due.org_id, current, target, { now, author: systemAuthor, missed });
      if (type) await publishMaintenance(tx, due.org_id, due.id, [type]);
      (missed ? result.missed : target === 'completed' ? result.completed : result.started).push(due.id);
    });
  };

  const round = async (): Promise<TickResult> => {
    const result: TickResult = { leader: false, started: [], completed: [], missed: [] };
    if (!(await lock.acquire())) return result;
    result.leader = true;
    const now = clock.now();
    // Each window is looked at once per tick: a failed one waits for the next tick.
    const handled = new Set<string>();
    for (;;) {
      const due = await asSystem(db, maintenanceSchedulerJob, (tx) =>
        tx.query<Due>(
          `select id, org_id from public.maintenances
           where status in ('scheduled', 'in_progress')
             and (ends_at <= $1 or (status = 'scheduled' and starts_at <= $1))
             and not (id = any($2::uuid[]))
           order by least(case when status = 'scheduled' then starts_at end, ends_at), id
           limit $3`,
          [now, [...handled], batchSize],
        ),
      );
      for (const item of due) {
        handled.add(item.id);
        try {
          await moveOne(item, now, result);
        } catch (error) {
          // One broken window must not hold up the others.
          log.error({ err: error, maintenanceId: item.id, orgId: item.org_id }, 'maintenance transition failed');
        }
      }
      if (due.length < batchSize) break;
    }
    for (const step of leaderSteps) {
      try {
        await step(now);
      } catch (error) {
        log.error({ err: error }, 'scheduler leader step failed');
      }
    }
    if (result.missed.length > 0) {
      log.warn(
        { missed: result.missed },
        'maintenance windows passed while no scheduler ran; completed without starting',
      );
    }
    return result;
  };

  const reportedRound = () =>
    round().then(
      (result) => {
        onRound(result);
        return result;
      },
      (error: unknown) => {
        onRound(null);
        throw error;
      },
    );

  const tick = (): Promise<TickResult> => {
    running ??= reportedRound().finally(() => {
      running = null;
    });
    return running;
  };

  return {
    tick,
    start() {
      if (timer) return;
      const safeTick = () =>
        void tick().catch((error: unknown) => log.error({ err: error }, 'maintenance scheduler tick failed'));
      timer = setInterval(safeTick, intervalMs);
      timer.unref();
      safeTick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => {});
      await lock.release();
    },
  };
}

import { Counter, type Registry } from 'prom-client';

/** What one scheduler round came to: it acted as the leader, stood by, or failed. */
export type SchedulerOutcome = 'leader' | 'standby' | 'failed';

/** The maintenance scheduler's work as one round's result reports it. */
export interface SchedulerRound {
  leader: boolean;
  started: readonly unknown[];
  completed: readonly unknown[];
  missed: readonly unknown[];
}

/** Scheduler rounds by outcome, and the maintenance windows they moved. */
export function schedulerMetrics(register: Registry) {
  const runs = new Counter({
    name: 'lantern_scheduler_runs_total',
    help: 'Scheduler rounds by job and outcome: leader (acted), standby (another process leads) or failed.',
    labelNames: ['job', 'outcome'],
    registers: [register],
  });
  const transitions = new Counter({
    name: 'lantern_scheduler_maintenance_transitions_total',
    help: 'Maintenance windows the scheduler moved: started, completed, or missed (passed while no scheduler ran).',
    labelNames: ['transition'],
    registers: [register],
  });
  for (const transition of ['started', 'completed', 'missed']) transitions.inc({ transition }, 0);
  return {
    /** Counts one round of `job`; `round` is null when it failed. */
    ran(job: string, round: SchedulerRound | null): void {
      runs.inc({ job, outcome: !round ? 'failed' : round.leader ? 'leader' : 'standby' });
      if (!round) return;
      transitions.inc({ transition: 'started' }, round.started.length);
      transitions.inc({ transition: 'completed' }, round.completed.length);
      transitions.inc({ transition: 'missed' }, round.missed.length);
    },
  };
}

export type SchedulerMetrics = ReturnType<typeof schedulerMetrics>;

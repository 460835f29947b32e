import { Counter, type Registry } from 'prom-client';
import type { IgnoredReason } from '../alerts/types.ts';

/** Alertmanager alerts the receiver stored nothing for, by why (answered 2xx so Alertmanager stops). */
export function alertMetrics(register: Registry) {
  const ignored = new Counter({
    name: 'lantern_alerts_ignored_total',
    help: 'Alertmanager alerts received but not applied, by reason (no_service_label, unknown_service, watchdog, operational).',
    labelNames: ['reason'],
    registers: [register],
  });
  return {
    /** Counts one webhook's ignored alerts, per reason. */
    countIgnored(counts: Partial<Record<IgnoredReason, number>>): void {
      for (const [reason, n] of Object.entries(counts)) if (n) ignored.inc({ reason }, n);
    },
  };
}

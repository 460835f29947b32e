import { collectDefaultMetrics, type Registry } from 'prom-client';

/**
 * prom-client's default gauges that promtool 2.42 rejects: a gauge must not end in `_total`. Their
 * per-type siblings (`nodejs_active_handles{type}`, `nodejs_active_requests{type}`,
 * `nodejs_active_resources{type}`) stay, and summed they give the same number.
 */
const gaugesNamedLikeCounters = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/** Node's process metrics (CPU, memory, event loop lag, GC, handles) on `register`, once per registry. */
export function registerProcessMetrics(register: Registry): void {
  collectDefaultMetrics({ register });
  for (const name of gaugesNamedLikeCounters) register.removeSingleMetric(name);
}

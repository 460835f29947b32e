// Test helpers for the Alertmanager receiver tests (not imported by the app).
import { createHash } from 'node:crypto';
import type { IncomingAlert } from './types.ts';

/** Alertmanager's zero time: the `endsAt` of every firing alert it sends. */
export const zeroTime = '0001-01-01T00:00:00Z';

/** A firing alert with Alertmanager's fingerprint-like id derived from its labels. */
export function firing(labels: Record<string, string>, startsAt: string, annotations: Record<string, string> = {}) {
  return {
    status: 'firing' as const,
    labels: { alertname: 'TestAlert', ...labels },
    annotations,
    startsAt,
    endsAt: zeroTime,
    generatorURL: 'http://prometheus.invalid/graph',
    fingerprint: fingerprintOf({ alertname: 'TestAlert', ...labels }),
  };
}

/** The same alert, resolved at `endsAt`. */
export function resolved(alert: ReturnType<typeof firing>, endsAt: string) {
  return { ...alert, status: 'resolved' as const, endsAt };
}

/** Alertmanager's webhook body (version 4) around some alerts. */
export function webhook(alerts: IncomingAlert[]) {
  return {
    version: '4',
    groupKey: '{}:{alertname="TestAlert"}',
    truncatedAlerts: 0,
    status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    receiver: 'lantern',
    groupLabels: { alertname: 'TestAlert' },
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager.invalid',
    alerts,
  };
}

function fingerprintOf(labels: Record<string, string>): string {
  const text = Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

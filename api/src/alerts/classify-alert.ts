import { holdStatuses } from '../contract/status.ts';
import type { AlertmanagerSettings } from './settings.ts';
import type { AlertHoldStatus, IgnoredReason, IncomingAlert } from './types.ts';

/** What an alert means for the status page, before any service is looked up. */
export type AlertMeaning =
  | { kind: 'hold'; serviceSlug: string; status: AlertHoldStatus }
  | { kind: 'ignored'; reason: IgnoredReason; serviceSlug?: string };

const isHoldStatus = (value: string | undefined): value is AlertHoldStatus =>
  value !== undefined && value !== 'operational' && (holdStatuses as readonly string[]).includes(value);

/**
 * Reads an alert with the org's settings: the service label names the service; a `status` label that
 * names a status wins over the severity mapping; severity `none` (Alertmanager's Watchdog convention,
 * an always-firing heartbeat) and a status label saying `operational` hold nothing.
 */
export function classifyAlert(alert: IncomingAlert, settings: AlertmanagerSettings): AlertMeaning {
  const serviceSlug = alert.labels[settings.service_label];
  if (!serviceSlug) return { kind: 'ignored', reason: 'no_service_label' };
  const statusLabel = alert.labels[settings.status_label];
  if (statusLabel === 'operational') return { kind: 'ignored', reason: 'operational', serviceSlug };
  if (isHoldStatus(statusLabel)) return { kind: 'hold', serviceSlug, status: statusLabel };
  const severity = alert.labels[settings.severity_label];
  if (severity === 'none') return { kind: 'ignored', reason: 'watchdog', serviceSlug };
  const mapped = severity === undefined ? undefined : settings.severity_map[severity];
  return { kind: 'hold', serviceSlug, status: mapped ?? settings.unknown_severity_status };
}

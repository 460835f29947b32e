import type { HoldStatus } from '../contract/status.ts';

/** One alert of an Alertmanager webhook (payload version 4), as validated at the edge. */
export interface IncomingAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  /** Alertmanager sends the zero time (`0001-01-01T00:00:00Z`) for a firing alert. */
  endsAt: string;
  fingerprint: string;
}

/** A status an alert can hold a service at (never `operational`: such an alert holds nothing). */
export type AlertHoldStatus = Exclude<HoldStatus, 'operational'>;

/** Why an alert changed nothing and was only counted. */
export type IgnoredReason = 'no_service_label' | 'watchdog' | 'unknown_service' | 'operational';

/** What happened to one alert of a webhook. */
export type AlertOutcome =
  /** A new firing alert (or a new instance of one): it holds its service now. */
  | 'held'
  /** A repeat of a firing alert: its expiry moved on, nothing else changed. */
  | 'refreshed'
  /** The firing alert resolved: its hold ended. */
  | 'resolved'
  /** A copy older than what is stored (out of order, or a retry): changed nothing. */
  | 'stale'
  /** A resolve for an alert never seen firing: changed nothing. */
  | 'unseen'
  | 'ignored';

/** One alert's line in the receiver's answer. */
export interface AlertReport {
  fingerprint: string;
  alertname: string;
  outcome: AlertOutcome;
  /** The service slug it names (absent without the service label). */
  service?: string;
  /** The status it holds (held/refreshed). */
  status?: AlertHoldStatus;
  reason?: IgnoredReason;
}

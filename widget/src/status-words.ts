import type { OverallIndicator, ServiceStatus } from '../../api/src/contract/status.ts';

/** The colour family of a shown status (a CSS custom property each); words always go beside it. */
export type Tone = 'ok' | 'minor' | 'major' | 'critical' | 'maintenance' | 'neutral';

/** A status as the badge shows it: a stable key (the `status-change` detail), words, and a tone. */
export interface ShownStatus {
  status: ServiceStatus | OverallIndicator;
  label: string;
  tone: Tone;
}

// The same words as the static status page (site/src/lib/labels.ts), so both read alike.
const serviceWords: Record<ServiceStatus, [string, Tone]> = {
  operational: ['Operational', 'ok'],
  degraded_performance: ['Degraded performance', 'minor'],
  partial_outage: ['Partial outage', 'major'],
  major_outage: ['Major outage', 'critical'],
  under_maintenance: ['Under maintenance', 'maintenance'],
};

const indicatorWords: Record<OverallIndicator, [string, Tone]> = {
  none: ['All Systems Operational', 'ok'],
  minor: ['Minor Service Outage', 'minor'],
  major: ['Partial System Outage', 'major'],
  critical: ['Major System Outage', 'critical'],
  maintenance: ['Service Under Maintenance', 'maintenance'],
};

/** How a service's status reads (unknown values read neutrally rather than breaking the badge). */
export function serviceShown(status: ServiceStatus): ShownStatus {
  const [label, tone] = serviceWords[status] ?? [String(status), 'neutral'];
  return { status, label, tone };
}

/** How an org's overall indicator reads. */
export function indicatorShown(indicator: OverallIndicator): ShownStatus {
  const [label, tone] = indicatorWords[indicator] ?? [String(indicator), 'neutral'];
  return { status: indicator, label, tone };
}

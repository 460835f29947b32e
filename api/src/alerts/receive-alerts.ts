import type { Queryable } from '../db/types.ts';
import { recomputeServiceStatuses, type ServiceStatusChange } from '../status/recompute.ts';
import { syncAlertIncident, type AlertChange } from './alert-incidents.ts';
import { applyAlert } from './apply-alert.ts';
import { classifyAlert, type AlertMeaning } from './classify-alert.ts';
import type { Author } from '../timeline/author.ts';
import { loadAlertmanagerSettings } from './settings.ts';
import type { AlertReport, IgnoredReason, IncomingAlert } from './types.ts';

/** The receiver's answer: what each alert did, and the services whose shown status changed. */
export interface ReceiveResult {
  alerts: AlertReport[];
  /** Slugs the service label named that are no service of the org. */
  unknown_services: string[];
  ignored: Partial<Record<IgnoredReason, number>>;
  status_changes: { service: string; previous: string; status: string }[];
  /** Alert incidents opened, updated or resolved by this webhook. */
  incident_ids: string[];
}

interface ServiceRef {
  id: string;
  slug: string;
  name: string;
}

/**
 * Applies one Alertmanager webhook to the org inside the caller's transaction (the key's door, so
 * RLS and the audit trail name the key): stores each alert's hold, keeps each touched service's alert
 * incident in step, and recomputes the touched services with source `alert`. Alerts that name no
 * service, an unknown service, or are Watchdogs change nothing and are reported, so Alertmanager gets
 * a 2xx and does not retry them forever.
 */
export async function receiveAlerts(
  tx: Queryable,
  orgId: string,
  alerts: readonly IncomingAlert[],
  { author, now }: { author: Author; now: Date },
): Promise<ReceiveResult> {
  const settings = await loadAlertmanagerSettings(tx, orgId);
  const meanings = alerts.map((alert) => classifyAlert(alert, settings));
  const slugs = [...new Set(meanings.flatMap((m) => (m.serviceSlug ? [m.serviceSlug] : [])))];
  const services = new Map(
    (
      await tx.query<ServiceRef>(
        'select id, slug, name from public.services where org_id = $1 and slug = any($2::text[]) order by slug',
        [orgId, slugs],
      )
    ).map((s) => [s.slug, s]),
  );

  const result: ReceiveResult = { alerts: [], unknown_services: [], ignored: {}, status_changes: [], incident_ids: [] };
  const ignore = (report: AlertReport, reason: IgnoredReason) => {
    result.alerts.push({ ...report, outcome: 'ignored', reason });
    result.ignored[reason] = (result.ignored[reason] ?? 0) + 1;
  };
  const changesByService = new Map<string, { service: ServiceRef; changes: AlertChange[] }>();
  // Oldest instance first, so a group carrying two instances of one alert ends on the newest.
  const order = alerts
    .map((_, i) => i)
    .sort((a, b) => Date.parse(alerts[a]!.startsAt) - Date.parse(alerts[b]!.startsAt));
  for (const i of order) {
    const alert = alerts[i]!;
    const meaning: AlertMeaning = meanings[i]!;
    const report: AlertReport = {
      fingerprint: alert.fingerprint,
      alertname: alert.labels.alertname ?? '',
      outcome: 'ignored',
      ...(meaning.serviceSlug ? { service: meaning.serviceSlug } : {}),
    };
    if (meaning.kind === 'ignored') {
      ignore(report, meaning.reason);
      continue;
    }
    const service = services.get(meaning.serviceSlug);
    if (!service) {
      ignore(report, 'unknown_service');
      if (!result.unknown_services.includes(meaning.serviceSlug)) result.unknown_services.push(meaning.serviceSlug);
      continue;
    }
    const applied = await applyAlert(tx, {
      orgId,
      serviceId: service.id,
      alert,
      status: meaning.status,
      now,
      holdTimeoutSeconds: settings.hold_timeout_seconds,
    });
    result.alerts.push({
      ...report,
      outcome: applied.outcome,
      ...(alert.status === 'firing' ? { status: meaning.status } : {}),
    });
    const entry = changesByService.get(service.id) ?? { service, changes: [] };
    changesByService.set(service.id, entry);
    if (applied.changed && (applied.outcome === 'held' || applied.outcome === 'resolved')) {
      entry.changes.push({
        alertname: report.alertname,
        summary: alert.annotations.summary ?? '',
        outcome: applied.outcome,
      });
    }
  }

  for (const { service, changes } of changesByService.values()) {
    const incidentId = settings.open_incidents
      ? await syncAlertIncident(tx, orgId, service, changes, author, now)
      : null;
    if (incidentId && changes.length > 0 && !result.incident_ids.includes(incidentId)) {
      result.incident_ids.push(incidentId);
    }
    const statusChanges: ServiceStatusChange[] = await recomputeServiceStatuses(tx, orgId, [service.id], {
      source: 'alert',
      incidentId,
      message: alertMessage(changes),
    });
    for (const change of statusChanges) {
      result.status_changes.push({ service: service.slug, previous: change.previous, status: change.status });
    }
  }
  return result;
}

function alertMessage(changes: readonly AlertChange[]): string | null {
  if (changes.length === 0) return null;
  return changes
    .map(
      (c) =>
        `Alert ${c.outcome === 'held' ? 'firing' : c.outcome}: ${c.alertname || 'alert'}${c.summary ? ` (${c.summary})` : ''}`,
    )
    .join('; ')
    .slice(0, 5000);
}

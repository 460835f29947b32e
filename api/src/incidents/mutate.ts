import type { Queryable } from '../db/types.ts';
import type { IncidentStatus } from '../contract/status.ts';
import { AppError, notFound } from '../errors.ts';
import { recomputeServiceStatuses } from '../status/recompute.ts';
import type { Author } from '../timeline/author.ts';
import { insertTimelineEntry } from '../timeline/entries.ts';
import { publishEntity } from '../timeline/entity.ts';
import type { IncidentState, ServiceImpact } from './types.ts';
import { incidentTable, incidentTimeline, loadIncident } from './state.ts';

/** How far ahead of our clock `started_at` may be (clients' clocks drift a little). */
export const startedAtSkewMs = 60_000;

/** The earliest start a backdated incident may have: older is a typo (a year 0202), not history. */
export const earliestStartedAt = new Date('2000-01-01T00:00:00Z');

/** Refuses a start time in the future beyond the skew, before 2000, or after the incident was resolved. */
export function assertStartedAt(startedAt: Date, now: Date, resolvedAt: Date | null = null): void {
  const reason =
    startedAt.getTime() > now.getTime() + startedAtSkewMs
      ? 'started_at cannot be in the future'
      : startedAt < earliestStartedAt
        ? 'started_at cannot be before 2000-01-01'
        : resolvedAt && startedAt > resolvedAt
          ? 'started_at cannot be after resolved_at'
          : null;
  if (reason) {
    throw new AppError('validation_failed', 'Invalid request body', {
      details: [{ path: ['started_at'], message: reason, code: 'custom' }],
    });
  }
}

/** The locked current state of an incident of the org, or 404. */
export async function lockIncident(tx: Queryable, orgId: string, id: string): Promise<IncidentState> {
  const incident = await loadIncident(tx, orgId, id, { lock: true });
  if (!incident) throw notFound('Incident');
  return incident;
}

/** Replaces the services an incident holds and the status it holds each at. */
export async function setIncidentServices(
  tx: Queryable,
  orgId: string,
  incidentId: string,
  services: readonly ServiceImpact[],
): Promise<void> {
  await tx.query('delete from public.incident_services where org_id = $1 and incident_id = $2', [orgId, incidentId]);
  if (services.length === 0) return;
  await tx.query(
    `insert into public.incident_services (org_id, incident_id, service_id, status)
     select $1, $2, s.service_id, s.status
     from unnest($3::uuid[], $4::text[]) as s(service_id, status)`,
    [orgId, incidentId, services.map((s) => s.service_id), services.map((s) => s.status)],
  );
}

/** Appends an entry to the incident's timeline; returns its id. */
export async function insertIncidentUpdate(
  tx: Queryable,
  orgId: string,
  incidentId: string,
  entry: { status: IncidentStatus; message: string },
  author: Author,
  now: Date,
): Promise<string> {
  return (await insertTimelineEntry(tx, incidentTimeline, orgId, incidentId, entry, author, now))!;
}

/**
 * Sets the incident's status; `resolved_at` follows it (set on resolving, cleared on reopening).
 * Returns whether this call resolved the incident.
 */
export async function setIncidentStatus(
  tx: Queryable,
  current: IncidentState,
  status: IncidentStatus,
  now: Date,
): Promise<boolean> {
  if (status === current.status) return false;
  await tx.query(
    `update public.incidents
     set status = $2, resolved_at = case when $2 = 'resolved' then $3::timestamptz end, updated_at = $3
     where id = $1`,
    [current.id, status, now],
  );
  return status === 'resolved';
}

/** The text written to the timeline when a status change comes without a message. */
export function defaultUpdateMessage(status: IncidentStatus): string {
  switch (status) {
    case 'investigating':
      return 'We are investigating this issue.';
    case 'identified':
      return 'The issue has been identified and a fix is being worked on.';
    case 'monitoring':
      return 'A fix has been implemented and we are monitoring the results.';
    case 'resolved':
      return 'This incident has been resolved.';
  }
}

/**
 * Recomputes the shown status of every service the incident held or now holds (its holds come and
 * go with its status and service list), recording the incident as the cause.
 */
export async function recomputeForIncident(
  tx: Queryable,
  orgId: string,
  incidentId: string | null,
  serviceIds: Iterable<string>,
  title: string,
): Promise<void> {
  await recomputeServiceStatuses(tx, orgId, [...new Set(serviceIds)], {
    source: 'incident',
    incidentId,
    message: `Incident: ${title}`.slice(0, 5000),
  });
}

/** Appends an event carrying the incident's new full state (streams upsert it); returns that state. */
export async function publishIncident(
  tx: Queryable,
  orgId: string,
  incidentId: string,
  types: readonly string[],
  extra: Record<string, unknown> = {},
): Promise<IncidentState> {
  return publishEntity(tx, orgId, incidentTable, await loadIncident(tx, orgId, incidentId), types, extra);
}

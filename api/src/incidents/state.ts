import type { Queryable } from '../db/types.ts';
import type { IncidentState } from './types.ts';
import { iso, isoOrNull } from '../db/iso-time.ts';
import { loadTimelines, type Timeline } from '../timeline/entries.ts';
import { selectEntity, type EntityTable } from '../timeline/entity.ts';

interface IncidentRow {
  id: string;
  title: string;
  status: IncidentState['status'];
  impact: IncidentState['impact'];
  started_at: Date | string;
  resolved_at: Date | string | null;
  created_by: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  postmortem: string | null;
  postmortem_updated_at: Date | string | null;
}

/** The columns of `public.incidents` every reader selects (alias `i`). */
export const incidentColumns =
  'i.id, i.title, i.status, i.impact, i.started_at, i.resolved_at, i.created_by, i.created_at, i.updated_at, ' +
  'i.postmortem, i.postmortem_updated_at';

/** The incidents table as the shared timeline helpers see it. */
export const incidentTable: EntityTable = {
  table: 'incidents',
  alias: 'i',
  columns: incidentColumns,
  label: 'Incident',
  eventKey: 'incident',
};

/** An incident's timeline: `incident_updates`, whose entries can be edited. */
export const incidentTimeline: Timeline<true> = { table: 'incident_updates', owner: 'incident_id', editable: true };

/**
 * The full state of incidents (with affected services and the updates timeline), in the order of
 * `rows`. Three queries whatever the count, so lists do not fan out per incident.
 */
export async function expandIncidents(tx: Queryable, orgId: string, rows: IncidentRow[]): Promise<IncidentState[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const services = await tx.query<{
    incident_id: string;
    service_id: string;
    name: string;
    status: IncidentState['services'][number]['status'];
  }>(
    `select x.incident_id, x.service_id, s.name, x.status
     from public.incident_services x join public.services s on s.id = x.service_id
     where x.org_id = $1 and x.incident_id = any($2::uuid[])
     order by s.position, s.name, s.id`,
    [orgId, ids],
  );
  const timelines = await loadTimelines<IncidentState['status'], true>(tx, incidentTimeline, orgId, ids);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    status: row.status,
    impact: row.impact,
    started_at: iso(row.started_at),
    resolved_at: isoOrNull(row.resolved_at),
    created_by: row.created_by,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    postmortem: row.postmortem,
    postmortem_updated_at: isoOrNull(row.postmortem_updated_at),
    services: services
      .filter((s) => s.incident_id === row.id)
      .map(({ service_id, name, status }) => ({ service_id, name, status })),
    updates: timelines.get(row.id) ?? [],
  }));
}

/** One incident of the org in full, or null when it does not exist (or RLS hides it). */
export async function loadIncident(
  tx: Queryable,
  orgId: string,
  id: string,
  { lock = false } = {},
): Promise<IncidentState | null> {
  const [state] = await expandIncidents(tx, orgId, await selectEntity<IncidentRow>(tx, incidentTable, orgId, id, lock));
  return state ?? null;
}

export type { IncidentRow };

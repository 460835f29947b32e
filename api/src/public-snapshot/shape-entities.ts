import type { PublicIncident, PublicMaintenance } from '../contract/public-status.ts';
import type { PublicIncidentRecord, PublicMaintenanceRecord, PublicService } from '../contract/public-view.ts';

// Postgres renders timestamptz in the session's zone with microseconds; the wire says ISO UTC.
export const iso = (value: string) => new Date(value).toISOString();
const isoOrNull = (value: string | null) => (value === null ? null : iso(value));

/** Incidents and maintenances as the database's public view lists them (public-view.ts). */
export interface PublicEntityRecords {
  incidents: PublicIncidentRecord[];
  maintenances: PublicMaintenanceRecord[];
}

/**
 * The one mapping from the database's public incidents and maintenances to the snapshot's (and the
 * static site's): each public service named (from `services`), every time ISO UTC, order kept.
 */
export function shapePublicEntities(
  raw: PublicEntityRecords,
  services: readonly Pick<PublicService, 'id' | 'name'>[],
): { incidents: PublicIncident[]; maintenances: PublicMaintenance[] } {
  const names = new Map(services.map((s) => [s.id, s.name]));
  const incidents = raw.incidents.map((i): PublicIncident => ({
    id: i.id,
    title: i.title,
    status: i.status,
    impact: i.impact,
    started_at: iso(i.started_at),
    resolved_at: isoOrNull(i.resolved_at),
    created_at: iso(i.created_at),
    updated_at: iso(i.updated_at),
    // Records stored before migration 0175 (public stream history) have neither field.
    postmortem: i.postmortem ?? null,
    postmortem_updated_at: isoOrNull(i.postmortem_updated_at ?? null),
    services: i.services.map((x) => ({
      service_id: x.service_id,
      name: names.get(x.service_id) ?? '',
      status: x.status,
    })),
    updates: i.updates.map((u) => ({ ...u, created_at: iso(u.created_at), updated_at: iso(u.updated_at) })),
  }));
  const maintenances = raw.maintenances.map((m): PublicMaintenance => ({
    id: m.id,
    title: m.title,
    description: m.description,
    status: m.status,
    starts_at: iso(m.starts_at),
    ends_at: iso(m.ends_at),
    created_at: iso(m.created_at),
    updated_at: iso(m.updated_at),
    services: m.service_ids.map((id) => ({ service_id: id, name: names.get(id) ?? '' })),
    updates: m.updates.map((u) => ({ ...u, created_at: iso(u.created_at) })),
  }));
  return { incidents, maintenances };
}

import type { PublicIncident, PublicMaintenance, PublicService } from '../contract/public-status.ts';
import type { RawPublicStatus } from '../public-snapshot/shape.ts';

/** What public.get_public_history(slug, since) returns (migration 0090): the snapshot's raw shapes. */
export interface RawPublicHistory {
  incidents: RawPublicStatus['incidents'];
  maintenances: RawPublicStatus['maintenances'];
}

// Postgres renders timestamptz in the session's zone with microseconds; pages and files want ISO UTC.
const iso = (value: string) => new Date(value).toISOString();

/** Names the services and makes every time ISO UTC, as the public snapshot does. */
export function shapePublicHistory(
  raw: RawPublicHistory,
  services: readonly Pick<PublicService, 'id' | 'name'>[],
): { incidents: PublicIncident[]; maintenances: PublicMaintenance[] } {
  const names = new Map(services.map((s) => [s.id, s.name]));
  return {
    incidents: raw.incidents.map((i) => ({
      id: i.id,
      title: i.title,
      status: i.status,
      impact: i.impact,
      started_at: iso(i.started_at),
      resolved_at: i.resolved_at === null ? null : iso(i.resolved_at),
      created_at: iso(i.created_at),
      updated_at: iso(i.updated_at),
      services: i.services.map((x) => ({
        service_id: x.service_id,
        name: names.get(x.service_id) ?? '',
        status: x.status,
      })),
      updates: i.updates.map((u) => ({ ...u, created_at: iso(u.created_at), updated_at: iso(u.updated_at) })),
    })),
    maintenances: raw.maintenances.map((m) => ({
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
    })),
  };
}

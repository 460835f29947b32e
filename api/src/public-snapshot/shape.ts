import type { PublicIncident, PublicMaintenance, PublicService, PublicStatus } from '../contract/public-status.ts';
import type {
  HoldStatus,
  IncidentImpact,
  IncidentStatus,
  MaintenanceStatus,
  ServiceStatus,
} from '../contract/status.ts';
import { indicatorDescriptions, overallIndicator, worstServiceStatus } from './indicator.ts';

/** What public.get_public_status(slug) returns (migrations 0006 and 0051): public data only. */
export interface RawPublicStatus {
  organization: {
    id: string;
    slug: string;
    name: string;
    brand_color: string;
    time_zone: string;
    has_logo: boolean;
    logo_updated_at: string | null;
    updated_at: string;
  };
  seq: number | string;
  groups: { id: string; name: string; position: number; created_at: string; updated_at: string }[];
  services: (Omit<PublicService, 'status'> & { status: ServiceStatus })[];
  incidents: {
    id: string;
    title: string;
    status: IncidentStatus;
    impact: IncidentImpact;
    started_at: string;
    resolved_at: string | null;
    created_at: string;
    updated_at: string;
    services: { service_id: string; status: HoldStatus }[];
    updates: { id: string; status: IncidentStatus; message: string; created_at: string; updated_at: string }[];
  }[];
  maintenances: {
    id: string;
    title: string;
    description: string;
    status: MaintenanceStatus;
    starts_at: string;
    ends_at: string;
    created_at: string;
    updated_at: string;
    service_ids: string[];
    updates: { id: string; status: MaintenanceStatus; message: string; created_at: string }[];
  }[];
}

// Postgres renders timestamptz in the session's zone with microseconds; the wire says ISO UTC.
const iso = (value: string) => new Date(value).toISOString();
const isoOrNull = (value: string | null) => (value === null ? null : iso(value));

/** The logo's address: versioned by its update time, so it can be cached for long. */
export function logoUrl(slug: string, updatedAt: string | null, baseUrl: string | undefined): string | null {
  if (!updatedAt) return null;
  const path = `/api/public/status/${slug}/logo?v=${new Date(updatedAt).getTime().toString(36)}`;
  return baseUrl ? new URL(path, baseUrl).toString() : path;
}

/** Turns the SQL function's answer into the wire snapshot (names resolved, times ISO, indicator). */
export function shapePublicStatus(raw: RawPublicStatus, baseUrl: string | undefined): PublicStatus {
  const services: PublicService[] = raw.services.map((s) => ({
    id: s.id,
    slug: s.slug,
    name: s.name,
    description: s.description,
    group_id: s.group_id,
    position: s.position,
    status: s.status,
    created_at: iso(s.created_at),
    updated_at: iso(s.updated_at),
  }));
  const names = new Map(services.map((s) => [s.id, s.name]));
  const incidents: PublicIncident[] = raw.incidents.map((i) => ({
    id: i.id,
    title: i.title,
    status: i.status,
    impact: i.impact,
    started_at: iso(i.started_at),
    resolved_at: isoOrNull(i.resolved_at),
    created_at: iso(i.created_at),
    updated_at: iso(i.updated_at),
    services: i.services.map((x) => ({
      service_id: x.service_id,
      name: names.get(x.service_id) ?? '',
      status: x.status,
    })),
    updates: i.updates.map((u) => ({ ...u, created_at: iso(u.created_at), updated_at: iso(u.updated_at) })),
  }));
  const maintenances: PublicMaintenance[] = raw.maintenances.map((m) => ({
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
  const open = incidents.filter((i) => i.status !== 'resolved');
  const active = maintenances.filter((m) => m.status === 'in_progress');
  const indicator = overallIndicator({
    serviceStatuses: services.map((s) => s.status),
    openIncidentImpacts: open.map((i) => i.impact),
    maintenanceInProgress: active.length > 0,
  });
  const org = raw.organization;
  return {
    organization: {
      id: org.id,
      slug: org.slug,
      name: org.name,
      brand_color: org.brand_color,
      time_zone: org.time_zone,
      has_logo: org.has_logo,
      logo_url: org.has_logo ? logoUrl(org.slug, org.logo_updated_at, baseUrl) : null,
      updated_at: iso(org.updated_at),
    },
    status: { indicator, description: indicatorDescriptions[indicator] },
    services,
    groups: raw.groups.map((g) => {
      const members = services.filter((s) => s.group_id === g.id);
      return {
        id: g.id,
        name: g.name,
        position: g.position,
        status: worstServiceStatus(members.map((s) => s.status)),
        service_ids: members.map((s) => s.id),
        created_at: iso(g.created_at),
        updated_at: iso(g.updated_at),
      };
    }),
    incidents: open,
    recently_resolved_incidents: incidents.filter((i) => i.status === 'resolved'),
    active_maintenances: active,
    upcoming_maintenances: maintenances.filter((m) => m.status === 'scheduled'),
    seq: Number(raw.seq),
  };
}

import type { PublicService, PublicStatus } from '../contract/public-status.ts';
import type { PublicGroupRecord, PublicOrganizationRecord } from '../contract/public-view.ts';
import { indicatorDescriptions, overallIndicator, worstServiceStatus } from './indicator.ts';
import { iso, shapePublicEntities, type PublicEntityRecords } from './shape-entities.ts';

/** What public.get_public_status(slug) returns (migrations 0100 and 0140): public data only. */
export interface RawPublicStatus extends PublicEntityRecords {
  organization: PublicOrganizationRecord;
  seq: number | string;
  groups: PublicGroupRecord[];
  services: PublicService[];
}

/** The logo's address: versioned by its update time, so it can be cached for long. */
function logoUrl(slug: string, updatedAt: string | null, baseUrl: string | undefined): string | null {
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
  const { incidents, maintenances } = shapePublicEntities(raw, services);
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

import type { StoredEvent } from '../db/events.ts';

/** What a subscriber mail about one event says, before the org's branding is put around it. */
export interface EventNotice {
  /** The services it concerns (a subscriber following any of them gets it). */
  serviceIds: string[];
  /** Only for subscribers who opted in to status changes. */
  statusChange: boolean;
  headline: string;
  title: string;
  status: string;
  message: string;
  link: { kind: 'incidents' | 'maintenances'; id: string } | null;
}

const label = (status: string) => status.replace(/_/g, ' ');

interface EntityPayload {
  id: string;
  title: string;
  status: string;
  services?: { service_id: string }[];
  service_ids?: string[];
  description?: string;
  starts_at?: string;
  ends_at?: string;
  updates?: { message: string; status: string }[];
}

const maintenanceHeadlines: Record<string, string> = {
  'maintenance.created': 'Maintenance scheduled',
  'maintenance.started': 'Maintenance started',
  'maintenance.completed': 'Maintenance completed',
  'maintenance.cancelled': 'Maintenance cancelled',
};

/**
 * The notice of an event, or null for events subscribers do not hear of. Incidents: created,
 * updated (an edit or a timeline update), resolved; a timeline update that resolves comes with its
 * own `incident.resolved`, which alone is mailed. Maintenances: scheduled, started, completed,
 * cancelled. Service status changes: only to those who opted in.
 */
export function eventNotice(event: StoredEvent): EventNotice | null {
  const p = event.payload as Record<string, unknown>;
  if (event.type.startsWith('incident')) {
    const incident = p.incident as EntityPayload | undefined;
    if (!incident) return null;
    if (event.type === 'incident_update.created' && incident.status === 'resolved') return null;
    const headline =
      event.type === 'incident.created'
        ? 'New incident'
        : event.type === 'incident.resolved'
          ? 'Incident resolved'
          : 'Incident update';
    return {
      serviceIds: (incident.services ?? []).map((s) => s.service_id),
      statusChange: false,
      headline,
      title: incident.title,
      status: label(incident.status),
      message: incident.updates?.[0]?.message ?? '',
      link: { kind: 'incidents', id: incident.id },
    };
  }
  if (event.type.startsWith('maintenance.')) {
    const maintenance = p.maintenance as EntityPayload | undefined;
    const headline = maintenanceHeadlines[event.type];
    if (!maintenance || !headline) return null;
    const window = maintenance.starts_at ? `Window: ${maintenance.starts_at} – ${maintenance.ends_at} (UTC)` : '';
    return {
      serviceIds: maintenance.service_ids ?? [],
      statusChange: false,
      headline,
      title: maintenance.title,
      status: label(maintenance.status),
      message: [maintenance.updates?.[0]?.message ?? maintenance.description ?? '', window]
        .filter(Boolean)
        .join('\n\n'),
      link: { kind: 'maintenances', id: maintenance.id },
    };
  }
  if (event.type === 'service.status_changed') {
    const service = p.service as { id: string; name: string; status: string } | undefined;
    if (!service) return null;
    return {
      serviceIds: [service.id],
      statusChange: true,
      headline: 'Service status changed',
      title: service.name,
      status: label(service.status),
      message: `${service.name} is now ${label(service.status)} (was ${label(String(p.previous_status ?? 'unknown'))}).`,
      link: null,
    };
  }
  return null;
}

import type { StoredEvent } from '../db/events.ts';
import type { IncidentState } from '../incidents/types.ts';
import type { MaintenanceState } from '../maintenances/types.ts';
import type { ServiceWire } from '../status/service-row.ts';
import { webhookEventTypeOf, type WebhookEventType } from './event-types.ts';

/** The org a notification is about, as every body names it. */
export interface NotificationOrg {
  id: string;
  slug: string;
  name: string;
}

/** A timeline message: the newest of an incident or maintenance. */
export interface NotificationUpdate {
  status: string;
  message: string;
  created_at: string;
}

/**
 * What every webhook kind is built from, and the `standard` kind's body as is (Standard Webhooks'
 * `{ type, timestamp, data }`). Documented in the OpenAPI document's `webhooks` section
 * (routes/webhooks/payload-schema.ts) and in api/src/webhooks/README.md.
 */
export interface WebhookNotification {
  /** `webhook.test`: the test an admin asks for (POST …/webhooks/:id/test), about nothing. */
  type: WebhookEventType | 'webhook.test';
  /** When the event happened (the event log's `created_at`). */
  timestamp: string;
  data: {
    organization: NotificationOrg;
    /** The event's seq in the org's log: receivers may order by it and drop what they saw (null: a test). */
    event_seq: number | null;
    /** The page to open: the incident's or maintenance's page, else the org's status page. */
    url: string;
    incident?: {
      id: string;
      title: string;
      status: string;
      impact: string;
      started_at: string;
      resolved_at: string | null;
      services: { id: string; name: string; status: string }[];
      latest_update: NotificationUpdate | null;
    };
    maintenance?: {
      id: string;
      title: string;
      description: string;
      status: string;
      starts_at: string;
      ends_at: string;
      services: { id: string }[];
      latest_update: NotificationUpdate | null;
    };
    service?: { id: string; name: string; status: string; previous_status: string };
  };
}

const latest = (updates: { status: string; message: string; created_at: string }[]): NotificationUpdate | null => {
  const [first] = updates;
  return first ? { status: first.status, message: first.message, created_at: first.created_at } : null;
};

/**
 * The notification an event causes, or null when webhooks do not hear of it. `pageBase` is where the
 * org's static pages are (`<PUBLIC_BASE_URL>/status/<slug>/`), for the link.
 */
export function notificationOf(event: StoredEvent, org: NotificationOrg, pageBase: string): WebhookNotification | null {
  const type = webhookEventTypeOf(event.type);
  if (!type) return null;
  const base = { organization: org, event_seq: Number(event.seq) };
  const timestamp = new Date(event.created_at).toISOString();
  const payload = event.payload;
  if (type.startsWith('incident.')) {
    const incident = payload.incident as IncidentState;
    return {
      type,
      timestamp,
      data: {
        ...base,
        url: `${pageBase}incidents/${incident.id}/`,
        incident: {
          id: incident.id,
          title: incident.title,
          status: incident.status,
          impact: incident.impact,
          started_at: incident.started_at,
          resolved_at: incident.resolved_at,
          services: incident.services.map((s) => ({ id: s.service_id, name: s.name, status: s.status })),
          latest_update: latest(incident.updates),
        },
      },
    };
  }
  if (type.startsWith('maintenance.')) {
    const maintenance = payload.maintenance as MaintenanceState;
    return {
      type,
      timestamp,
      data: {
        ...base,
        url: `${pageBase}maintenances/${maintenance.id}/`,
        maintenance: {
          id: maintenance.id,
          title: maintenance.title,
          description: maintenance.description,
          status: maintenance.status,
          starts_at: maintenance.starts_at,
          ends_at: maintenance.ends_at,
          services: maintenance.service_ids.map((id) => ({ id })),
          latest_update: latest(maintenance.updates),
        },
      },
    };
  }
  const service = payload.service as ServiceWire;
  return {
    type,
    timestamp,
    data: {
      ...base,
      url: pageBase,
      service: {
        id: service.id,
        name: service.name,
        status: service.status,
        previous_status: String(payload.previous_status),
      },
    },
  };
}

/** The services a notification is about: a webhook that follows some services hears only of these. */
export function servicesOf(notification: WebhookNotification): string[] {
  const { incident, maintenance, service } = notification.data;
  if (incident) return incident.services.map((s) => s.id);
  if (maintenance) return maintenance.services.map((s) => s.id);
  return service ? [service.id] : [];
}

/** The body of a test delivery: the org and its page, no event. */
export function testNotification(org: NotificationOrg, pageBase: string, at: Date): WebhookNotification {
  return {
    type: 'webhook.test',
    timestamp: at.toISOString(),
    data: { organization: org, event_seq: null, url: pageBase },
  };
}

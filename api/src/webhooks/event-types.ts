/** What a webhook can be told about (its `event_types`); the delivered body's `type`. */
export const webhookEventTypes = [
  'incident.created',
  'incident.updated',
  'incident.resolved',
  'maintenance.scheduled',
  'maintenance.started',
  'maintenance.completed',
  'maintenance.cancelled',
  'service.status_changed',
] as const;

export type WebhookEventType = (typeof webhookEventTypes)[number];

/** A new webhook's types when none are given: everything but the opt-in service status changes. */
export const defaultWebhookEventTypes: WebhookEventType[] = webhookEventTypes.filter(
  (type) => type !== 'service.status_changed',
);

/** The kinds of receiver: signed JSON (Standard Webhooks), a Slack incoming webhook, a Discord webhook. */
export const webhookKinds = ['standard', 'slack', 'discord'] as const;
export type WebhookKind = (typeof webhookKinds)[number];

// Event log type → notification type. A new timeline message on an incident is an update of it;
// a maintenance's creation is its scheduling. Edits of a maintenance's text notify nobody.
const fromLog: Record<string, WebhookEventType> = {
  'incident.created': 'incident.created',
  'incident.updated': 'incident.updated',
  'incident_update.created': 'incident.updated',
  'incident.resolved': 'incident.resolved',
  'maintenance.created': 'maintenance.scheduled',
  'maintenance.started': 'maintenance.started',
  'maintenance.completed': 'maintenance.completed',
  'maintenance.cancelled': 'maintenance.cancelled',
  'service.status_changed': 'service.status_changed',
};

/** The notification an event of the log causes, or null for events webhooks do not hear about. */
export function webhookEventTypeOf(logType: string): WebhookEventType | null {
  return fromLog[logType] ?? null;
}

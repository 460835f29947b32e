import { z, type RouteConfig } from '@hono/zod-openapi';
import { webhookEventTypes } from '../../webhooks/event-types.ts';

const time = () => z.string().openapi({ format: 'date-time' });
const update = z.object({ status: z.string(), message: z.string(), created_at: time() }).nullable();

/** The `standard` kind's body (api/src/webhooks/notification.ts): Standard Webhooks' `{ type, timestamp, data }`. */
export const WebhookNotificationSchema = z
  .object({
    type: z.enum([...webhookEventTypes, 'webhook.test']),
    timestamp: time().openapi({ description: 'When the event happened' }),
    data: z.object({
      organization: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
      event_seq: z.number().int().nullable().openapi({
        description: "The event's seq in the org's log (order and drop repeats by it); null for a test",
      }),
      url: z.string().openapi({ description: 'The status page of the incident, maintenance or org' }),
      incident: z
        .object({
          id: z.uuid(),
          title: z.string(),
          status: z.string(),
          impact: z.string(),
          started_at: time(),
          resolved_at: time().nullable(),
          services: z.array(z.object({ id: z.uuid(), name: z.string(), status: z.string() })),
          latest_update: update,
        })
        .optional()
        .openapi({ description: 'incident.* only' }),
      maintenance: z
        .object({
          id: z.uuid(),
          title: z.string(),
          description: z.string(),
          status: z.string(),
          starts_at: time(),
          ends_at: time(),
          services: z.array(z.object({ id: z.uuid() })),
          latest_update: update,
        })
        .optional()
        .openapi({ description: 'maintenance.* only' }),
      service: z
        .object({ id: z.uuid(), name: z.string(), status: z.string(), previous_status: z.string() })
        .optional()
        .openapi({ description: 'service.status_changed only' }),
    }),
  })
  .openapi('WebhookNotification');

const SignatureHeaders = z.object({
  'webhook-id': z.string().openapi({ description: 'The delivery id, the same on every retry: drop a repeat' }),
  'webhook-timestamp': z.string().openapi({ description: 'Unix seconds of this attempt' }),
  'webhook-signature': z.string().openapi({
    description: '`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` keyed with the secret (`whsec_…`, base64)',
  }),
});

const answers: RouteConfig['responses'] = {
  '2XX': { description: 'Delivered' },
  '410': { description: 'Gone: the webhook is disabled and the org’s admins are mailed' },
  default: { description: 'Retried with exponential backoff and jitter for up to 24 h (redirects are not followed)' },
};

const descriptions: Record<(typeof webhookEventTypes)[number] | 'webhook.test', string> = {
  'incident.created': 'An incident was opened.',
  'incident.updated': 'An incident changed, or got a new timeline message.',
  'incident.resolved': 'An incident was resolved.',
  'maintenance.scheduled': 'A maintenance was scheduled.',
  'maintenance.started': 'A maintenance window began.',
  'maintenance.completed': 'A maintenance window ended.',
  'maintenance.cancelled': 'A maintenance was cancelled.',
  'service.status_changed': 'A followed service’s shown status changed (opt-in).',
  'webhook.test': 'The test an admin asked for (POST …/webhooks/{id}/test).',
};

/**
 * The OpenAPI `webhooks` section: one entry per notification type, each the `standard` kind's signed
 * JSON. Slack (`text` + `blocks`) and Discord (`embeds`) kinds get the same news in their own formats.
 */
export const webhookDocs: RouteConfig[] = Object.entries(descriptions).map(([type, description]) => ({
  method: 'post',
  path: type,
  operationId: `webhook${type
    .split(/[._]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')}`,
  tags: ['webhooks'],
  summary: type,
  description: `${description} Kind \`standard\`: this body, signed (Standard Webhooks). Kinds \`slack\` and \`discord\` get a Slack incoming-webhook message (\`text\`, \`blocks\`) or a Discord embed instead.`,
  request: {
    headers: SignatureHeaders,
    body: { required: true, content: { 'application/json': { schema: WebhookNotificationSchema } } },
  },
  responses: answers,
}));

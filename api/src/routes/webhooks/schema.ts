import { z } from '@hono/zod-openapi';
import { webhookEventTypes, webhookKinds, defaultWebhookEventTypes } from '../../webhooks/event-types.ts';

export const OrgParams = z.object({
  orgId: z.uuid().openapi({ param: { name: 'orgId', in: 'path' } }),
});

export const WebhookParams = OrgParams.extend({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
});

const unique = <T>(items: T[]) => new Set(items).size === items.length;

/** What an admin sets on a webhook (POST and PUT take the same body). */
export const WebhookBody = z
  .object({
    url: z
      .string()
      .trim()
      .min(10)
      .max(2000)
      .openapi({
        description:
          'http(s) URL of the receiver. Private, loopback, link-local and other special addresses are refused ' +
          '(unless the server sets WEBHOOK_ALLOW_PRIVATE), when saved and again before every delivery',
        example: 'https://hooks.example.com/lantern',
      }),
    kind: z.enum(webhookKinds).default('standard').openapi({
      description:
        '`standard`: signed JSON (Standard Webhooks); `slack`: a Slack incoming webhook; `discord`: a Discord webhook',
    }),
    description: z.string().trim().max(200).default(''),
    service_ids: z
      .array(z.uuid())
      .max(500)
      .refine(unique, 'Services must not repeat')
      .nullable()
      .default(null)
      .openapi({ description: 'The services followed; null follows all of them, new ones included' }),
    event_types: z
      .array(z.enum(webhookEventTypes))
      .min(1)
      .refine(unique, 'Event types must not repeat')
      .default(defaultWebhookEventTypes)
      .openapi({ description: 'What is sent; the default is everything but the opt-in `service.status_changed`' }),
  })
  .openapi('WebhookInput');

export const Webhook = z
  .object({
    id: z.uuid(),
    url: z.string(),
    kind: z.enum(webhookKinds),
    description: z.string(),
    service_ids: z.array(z.uuid()).nullable(),
    event_types: z.array(z.enum(webhookEventTypes)),
    disabled_at: z.string().openapi({ format: 'date-time' }).nullable(),
    disabled_reason: z.enum(['gone', 'failing']).nullable().openapi({
      description: '`gone`: the receiver answered 410; `failing`: 24 h of failed deliveries. Saving again enables it',
    }),
    created_by: z.uuid().nullable(),
    created_at: z.string().openapi({ format: 'date-time' }),
    updated_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Webhook');

export const WebhookAnswer = z.object({ data: Webhook }).openapi('WebhookAnswer');

export const CreatedWebhook = z
  .object({
    data: Webhook.extend({
      secret: z.string().openapi({
        description: 'The signing secret (`whsec_…`): shown in this answer only, store it now',
      }),
    }),
  })
  .openapi('CreatedWebhook');

export const WebhookList = z.object({ data: z.array(Webhook) }).openapi('WebhookList');

export const DeliveryAttempt = z
  .object({
    attempt: z.number().int(),
    started_at: z.string().openapi({ format: 'date-time' }),
    duration_ms: z.number().int(),
    outcome: z.enum(['delivered', 'retry', 'failed']),
    response_code: z.number().int().nullable(),
    error: z.string().nullable(),
  })
  .openapi('WebhookDeliveryAttempt');

export const Delivery = z
  .object({
    id: z.uuid().openapi({ description: 'The `webhook-id` header of every attempt' }),
    type: z.string().openapi({ description: 'The notification type (`incident.created`, `webhook.test`, …)' }),
    event_seq: z.number().int().nullable(),
    state: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.array(DeliveryAttempt),
    next_attempt_at: z.string().openapi({ format: 'date-time' }).nullable(),
    created_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('WebhookDelivery');

export const DeliveryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(300).optional().openapi({ description: '`next_cursor` of the previous page' }),
});

export const DeliveryList = z
  .object({ data: z.array(Delivery), next_cursor: z.string().nullable() })
  .openapi('WebhookDeliveryList');

export const TestAnswer = z.object({ data: z.object({ delivery_id: z.uuid() }) }).openapi('WebhookTestQueued');

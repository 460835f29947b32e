import { z } from '@hono/zod-openapi';
import { instant } from '../fields.ts';

export const OrgParams = z.object({
  orgId: z.uuid().openapi({ param: { name: 'orgId', in: 'path' } }),
});

export const EventsQuery = z.object({
  type: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+|\.\*)?$/)
    .optional()
    .openapi({ description: 'An event type (`incident.created`), a family (`incident.*`) or a prefix (`incident`)' }),
  actor: z
    .union([z.uuid(), z.literal('system')])
    .optional()
    .openapi({ description: 'A user id or API key id, or `system` for scheduled jobs' }),
  from: instant.optional().openapi({ description: 'Events at or after this instant' }),
  to: instant.optional().openapi({ description: 'Events before this instant' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(40).optional(),
});

export const AuditEvent = z
  .object({
    seq: z.number().int(),
    type: z.string(),
    payload: z.record(z.string(), z.unknown()),
    actor: z
      .object({ type: z.enum(['user', 'api_key', 'system']), id: z.string().optional(), job: z.string().optional() })
      .passthrough(),
    created_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('AuditEvent');

export const AuditEventList = z
  .object({ data: z.array(AuditEvent), next_cursor: z.string().nullable() })
  .openapi('AuditEventList');

import { z } from '@hono/zod-openapi';
import { holdStatuses, serviceStatuses, statusSources } from '../../contract/status.ts';
import { instant, displayPosition } from '../fields.ts';

export const OrgParams = z.object({ orgId: z.uuid() });
export const ServiceParams = z.object({ orgId: z.uuid(), id: z.uuid() });

/** Same rule as the database's check: lowercase letters, digits and inner dashes, at most 64. */
export const slugSchema = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/,
    'Use 1–64 lowercase letters, digits and dashes, not starting or ending with a dash',
  );

const name = z.string().trim().min(1).max(120);
const description = z.string().max(2000);
const position = displayPosition;

export const CreateServiceBody = z
  .object({
    name,
    slug: slugSchema.optional().openapi({ description: 'Unique in the organization; made from the name when absent' }),
    description: description.default(''),
    group_id: z.uuid().nullable().default(null).openapi({ description: 'A service group of the same organization' }),
    position: position.optional().openapi({ description: 'Defaults to after the last service of its group' }),
    is_public: z.boolean().default(true),
  })
  .strict()
  .openapi('CreateService');

export const UpdateServiceBody = z
  .object({
    name: name.optional(),
    slug: slugSchema.optional(),
    description: description.optional(),
    group_id: z.uuid().nullable().optional(),
    position: position.optional(),
    is_public: z.boolean().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'Nothing to change' })
  .openapi('UpdateService');

export const SetStatusBody = z
  .object({
    status: z.enum(holdStatuses, {
      error: `Expected one of ${holdStatuses.join(', ')} (under_maintenance comes only from maintenances)`,
    }),
    message: z.string().trim().min(1).max(5000).optional().openapi({ description: 'Kept in the status history' }),
  })
  .strict()
  .openapi('SetServiceStatus');

export const Service = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    group_id: z.uuid().nullable(),
    position: z.number().int(),
    is_public: z.boolean(),
    status: z.enum(serviceStatuses).openapi({ description: 'The shown (effective) status' }),
    manual_status: z.enum(holdStatuses).openapi({ description: 'The status a person or API key last set' }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Service');

export const ServiceBody = z.object({ data: Service });
export const ServiceList = z.object({ data: z.array(Service), next_cursor: z.string().nullable() });

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(300).optional(),
});

export const HistoryQuery = z.object({
  from: instant.optional().openapi({ description: 'Only changes at or after this instant' }),
  to: instant.optional().openapi({ description: 'Only changes before this instant' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});

export const HistoryEntry = z
  .object({
    id: z.uuid(),
    service_id: z.uuid(),
    status: z.enum(serviceStatuses),
    previous_status: z.enum(serviceStatuses).nullable(),
    source: z.enum(statusSources),
    actor: z.record(z.string(), z.unknown()).nullable(),
    incident_id: z.uuid().nullable(),
    maintenance_id: z.uuid().nullable(),
    message: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('ServiceStatusChange');

export const HistoryList = z.object({ data: z.array(HistoryEntry), next_cursor: z.string().nullable() });

export const UptimeQuery = z.object({
  days: z.coerce.number().int().min(1).max(365).default(90),
});

export const UptimeDay = z
  .object({
    date: z.string().openapi({ description: 'Local calendar day (YYYY-MM-DD) in the time zone' }),
    status: z
      .enum(serviceStatuses)
      .nullable()
      .openapi({ description: 'Worst status that day; null before the service existed' }),
    uptime: z
      .number()
      .nullable()
      .openapi({ description: 'Percent up (partial outage counts 30 % down); null = no data' }),
    major_outage_seconds: z.number().int(),
    partial_outage_seconds: z.number().int(),
  })
  .openapi('UptimeDay');

export const UptimeBody = z.object({
  data: z.object({
    service_id: z.uuid(),
    time_zone: z.string(),
    uptime: z.number().nullable().openapi({ description: 'Percent up over every day with data' }),
    days: z.array(UptimeDay).openapi({ description: 'Oldest first; the last is today, counted up to now' }),
  }),
});

import { z } from '@hono/zod-openapi';
import { maintenanceStatuses } from '../../contract/status.ts';
import type { MaintenanceState } from '../../maintenances/types.ts';
import type { Expect, Same } from '../../http/assert-same.ts';
import { instant } from '../fields.ts';

export const OrgParams = z.object({ orgId: z.uuid() });
export const MaintenanceParams = z.object({ orgId: z.uuid(), id: z.uuid() });

const title = z.string().trim().min(1).max(200);
const description = z.string().trim().max(10000);
const message = z.string().trim().min(1).max(10000);
const serviceIds = z
  .array(z.uuid())
  .max(200)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'A service may be listed only once' });

export const CreateMaintenanceBody = z
  .object({
    title,
    description: description.default(''),
    starts_at: instant,
    ends_at: instant,
    service_ids: serviceIds.default([]),
    message: message.optional().openapi({ description: 'Text of a first, `scheduled` timeline entry' }),
  })
  .strict()
  .refine((body) => Date.parse(body.ends_at) > Date.parse(body.starts_at), {
    message: 'ends_at must be after starts_at',
    path: ['ends_at'],
  })
  .openapi('CreateMaintenance');

export const UpdateMaintenanceBody = z
  .object({
    title: title.optional(),
    description: description.optional(),
    starts_at: instant.optional(),
    ends_at: instant.optional(),
    service_ids: serviceIds.optional().openapi({ description: 'Replaces the affected services' }),
    status: z.enum(maintenanceStatuses).optional().openapi({
      description: '`in_progress` starts it now, `completed` ends it early, `cancelled` calls it off',
    }),
    message: message.optional().openapi({ description: 'Text of the timeline entry a status change writes' }),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'Nothing to change' })
  .openapi('UpdateMaintenance');

export const PostMaintenanceUpdateBody = z
  .object({
    message,
    status: z.enum(maintenanceStatuses).optional().openapi({ description: 'Also moves the maintenance, as PUT does' }),
  })
  .strict()
  .openapi('PostMaintenanceUpdate');

export const MaintenanceListQuery = z.object({
  status: z.enum(maintenanceStatuses).optional(),
  from: instant.optional().openapi({ description: 'Only windows starting at or after this instant' }),
  to: instant.optional().openapi({ description: 'Only windows starting before this instant' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const MaintenanceUpdate = z
  .object({
    id: z.uuid(),
    status: z.enum(maintenanceStatuses),
    message: z.string(),
    author_id: z.uuid().nullable().openapi({ description: 'The user who wrote it (null for a key or the scheduler)' }),
    author_key_id: z.uuid().nullable(),
    created_at: z.string(),
  })
  .openapi('MaintenanceUpdate');

export const Maintenance = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string(),
    status: z.enum(maintenanceStatuses),
    starts_at: z.string(),
    ends_at: z.string(),
    started_at: z.string().nullable().openapi({ description: 'When it really took effect (null: never)' }),
    completed_at: z.string().nullable().openapi({ description: 'When its effect really ended' }),
    created_by: z.uuid().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    service_ids: z.array(z.uuid()),
    updates: z.array(MaintenanceUpdate).openapi({ description: 'The timeline, newest first' }),
  })
  .openapi('Maintenance');

export const MaintenanceBody = z.object({ data: Maintenance });
export const MaintenanceList = z.object({ data: z.array(Maintenance), next_cursor: z.string().nullable() });

/** The wire schema describes exactly the domain's state. */
export type MaintenanceSchemaMatchesState = Expect<Same<z.infer<typeof Maintenance>, MaintenanceState>>;

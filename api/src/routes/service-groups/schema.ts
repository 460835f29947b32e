import { z } from '@hono/zod-openapi';
import { displayPosition } from '../fields.ts';

export const OrgParams = z.object({ orgId: z.uuid() });
export const GroupParams = z.object({ orgId: z.uuid(), id: z.uuid() });

const name = z.string().trim().min(1).max(120);
const position = displayPosition;

export const CreateGroupBody = z
  .object({
    name,
    position: position.optional().openapi({ description: 'Defaults to after the last group' }),
  })
  .strict()
  .openapi('CreateServiceGroup');

export const UpdateGroupBody = z
  .object({ name: name.optional(), position: position.optional() })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'Nothing to change' })
  .openapi('UpdateServiceGroup');

export const ServiceGroup = z
  .object({
    id: z.uuid(),
    name: z.string(),
    position: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('ServiceGroup');

export const GroupBody = z.object({ data: ServiceGroup });
export const GroupList = z.object({ data: z.array(ServiceGroup), next_cursor: z.string().nullable() });

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(300).optional(),
});

import { z } from '@hono/zod-openapi';
import { Service } from '../services/schema.ts';
import { ServiceGroup } from '../service-groups/schema.ts';
import { displayPosition } from '../fields.ts';

export const OrgParams = z.object({ orgId: z.uuid() });

const position = displayPosition;
const uniqueIds = (items: readonly { id: string }[]) => new Set(items.map((item) => item.id)).size === items.length;

export const ServiceOrderBody = z
  .object({
    groups: z
      .array(z.object({ id: z.uuid(), position }).strict())
      .max(1000)
      .refine(uniqueIds, { message: 'A group may be listed only once' })
      .default([]),
    services: z
      .array(z.object({ id: z.uuid(), group_id: z.uuid().nullable(), position }).strict())
      .max(5000)
      .refine(uniqueIds, { message: 'A service may be listed only once' })
      .default([]),
  })
  .strict()
  .openapi('ServiceOrder');

export const ServiceOrderResult = z.object({
  data: z.object({
    groups: z.array(ServiceGroup).openapi({ description: 'Every group of the organization, in order' }),
    services: z.array(Service).openapi({ description: 'Every service of the organization, in order' }),
  }),
});

import { z } from '@hono/zod-openapi';
import { holdStatuses, incidentImpacts, incidentStatuses } from '../../contract/status.ts';
import type { IncidentState, ServiceImpact } from '../../incidents/types.ts';
import type { Expect, Same } from '../../http/assert-same.ts';
import { instant } from '../fields.ts';

export const OrgParams = z.object({ orgId: z.uuid() });
export const IncidentParams = z.object({ orgId: z.uuid(), id: z.uuid() });
export const IncidentUpdateParams = z.object({ orgId: z.uuid(), id: z.uuid(), updateId: z.uuid() });

const ServiceImpactInput = z.object({
  service_id: z.uuid(),
  status: z.enum(holdStatuses).openapi({ description: 'The status this incident holds the service at' }),
});

/** Each affected service at most once. */
const ServiceImpactsInput = z
  .array(ServiceImpactInput)
  .max(200)
  .refine((items) => new Set(items.map((s) => s.service_id)).size === items.length, {
    message: 'A service may be listed only once',
  });

const title = z.string().trim().min(1).max(200);
const message = z.string().trim().min(1).max(10000);

export const CreateIncidentBody = z
  .object({
    title,
    status: z.enum(incidentStatuses).default('investigating'),
    impact: z.enum(incidentImpacts).default('minor'),
    started_at: instant
      .optional()
      .openapi({ description: 'Defaults to now; may be in the past (backdating), not before 2000 nor in the future' }),
    services: ServiceImpactsInput.default([]),
    message: message.openapi({ description: 'The text of the first update' }),
  })
  .strict()
  .openapi('CreateIncident');

export const UpdateIncidentBody = z
  .object({
    title: title.optional(),
    status: z.enum(incidentStatuses).optional(),
    impact: z.enum(incidentImpacts).optional(),
    started_at: instant.optional(),
    services: ServiceImpactsInput.optional().openapi({ description: 'Replaces the affected services' }),
    message: message.optional().openapi({ description: 'Text of the update written when `status` changes' }),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'Nothing to change' })
  .openapi('UpdateIncident');

export const PostIncidentUpdateBody = z
  .object({ status: z.enum(incidentStatuses), message })
  .strict()
  .openapi('PostIncidentUpdate');

export const EditIncidentUpdateBody = z.object({ message }).strict().openapi('EditIncidentUpdate');

export const PutPostmortemBody = z
  .object({
    postmortem: z
      .string()
      .trim()
      .min(1)
      .max(50000)
      .nullable()
      .openapi({ description: 'Markdown (links, emphasis, lists, code); null removes the post-mortem' }),
  })
  .strict()
  .openapi('PutPostmortem');

export const ResolveIncidentBody = z.object({ message: message.optional() }).strict().openapi('ResolveIncident');

export const IncidentListQuery = z.object({
  status: z.enum(['open', 'resolved']).optional(),
  from: instant.optional().openapi({ description: 'Only incidents started at or after this instant' }),
  to: instant.optional().openapi({ description: 'Only incidents started before this instant' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const IncidentUpdate = z
  .object({
    id: z.uuid(),
    status: z.enum(incidentStatuses),
    message: z.string(),
    author_id: z.uuid().nullable().openapi({ description: 'The user who wrote it (null for an API key)' }),
    author_key_id: z.uuid().nullable().openapi({ description: 'The API key that wrote it, if any' }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('IncidentUpdate');

export const Incident = z
  .object({
    id: z.uuid(),
    title: z.string(),
    status: z.enum(incidentStatuses),
    impact: z.enum(incidentImpacts),
    started_at: z.string(),
    resolved_at: z.string().nullable(),
    created_by: z.uuid().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    postmortem: z.string().nullable().openapi({ description: 'The post-mortem (Markdown), once written' }),
    postmortem_updated_at: z.string().nullable(),
    services: z.array(z.object({ service_id: z.uuid(), name: z.string(), status: z.enum(holdStatuses) })),
    updates: z.array(IncidentUpdate).openapi({ description: 'The timeline, newest first' }),
  })
  .openapi('Incident');

export const IncidentBody = z.object({ data: Incident });
export const IncidentList = z.object({ data: z.array(Incident), next_cursor: z.string().nullable() });

/** The wire schema describes exactly the domain's state. */
export type IncidentSchemaMatchesState = Expect<Same<z.infer<typeof Incident>, IncidentState>>;
export type ServiceImpactSchemaMatchesDomain = Expect<Same<z.infer<typeof ServiceImpactInput>, ServiceImpact>>;

import { z } from '@hono/zod-openapi';
import { holdStatuses, incidentImpacts } from '../../contract/status.ts';
import { templateKinds } from '../../contract/templates.ts';
import type { TemplateState } from '../../templates/types.ts';
import type { Expect, Same } from '../../http/assert-same.ts';

export const OrgParams = z.object({ orgId: z.uuid() });
export const TemplateParams = z.object({ orgId: z.uuid(), id: z.uuid() });

const name = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .openapi({ description: 'What the admin lists it by; unique in the org' });
const title = z.string().trim().min(1).max(200).openapi({ description: 'The title of the incident or maintenance' });
const message = z
  .string()
  .trim()
  .max(10000)
  .openapi({ description: 'The text of the first update (may be empty for a maintenance)' });
const impact = z.enum(incidentImpacts).openapi({ description: 'Incident templates only' });
const durationMinutes = z
  .number()
  .int()
  .min(1)
  .max(43200)
  .nullable()
  .openapi({ description: 'Maintenance templates only: the usual length of the window, in minutes' });

const TemplateServiceInput = z.object({
  service_id: z.uuid(),
  status: z
    .enum(holdStatuses)
    .optional()
    .openapi({ description: 'Incident templates: the status the incident holds the service at (required)' }),
});
const TemplateServicesInput = z
  .array(TemplateServiceInput)
  .max(200)
  .refine((items) => new Set(items.map((s) => s.service_id)).size === items.length, {
    message: 'A service may be listed only once',
  });

export const CreateTemplateBody = z
  .object({
    kind: z.enum(templateKinds),
    name,
    title,
    message: message.default(''),
    impact: impact.optional().openapi({ description: 'Incident templates only; defaults to `minor`' }),
    duration_minutes: durationMinutes.optional(),
    services: TemplateServicesInput.default([]),
  })
  .strict()
  .openapi('CreateTemplate');

export const UpdateTemplateBody = z
  .object({
    name: name.optional(),
    title: title.optional(),
    message: message.optional(),
    impact: impact.optional(),
    duration_minutes: durationMinutes.optional(),
    services: TemplateServicesInput.optional().openapi({ description: 'Replaces the affected services' }),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'Nothing to change' })
  .openapi('UpdateTemplate');

export const TemplateListQuery = z.object({
  kind: z.enum(templateKinds).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(100),
  cursor: z.string().max(400).optional(),
});

export const Template = z
  .object({
    id: z.uuid(),
    kind: z.enum(templateKinds),
    name: z.string(),
    title: z.string(),
    message: z.string(),
    impact: z.enum(incidentImpacts).nullable(),
    duration_minutes: z.number().int().nullable(),
    services: z.array(z.object({ service_id: z.uuid(), name: z.string(), status: z.enum(holdStatuses).nullable() })),
    created_by: z.uuid().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Template');

export const TemplateBody = z.object({ data: Template });
export const TemplateList = z.object({ data: z.array(Template), next_cursor: z.string().nullable() });

/** The wire schema describes exactly the domain's state. */
export type TemplateSchemaMatchesState = Expect<Same<z.infer<typeof Template>, TemplateState>>;

import { z } from '@hono/zod-openapi';
import { memberRoles } from '../../contract/roles.ts';
import { Slug } from './slug.ts';
import { TimeZone } from './time-zone.ts';

export const OrgIdParams = z.object({
  orgId: z.uuid().openapi({ param: { name: 'orgId', in: 'path' } }),
});

export const Organization = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    brand_color: z.string().openapi({ example: '#2563eb' }),
    time_zone: z.string(),
    has_logo: z.boolean(),
    slug_aliases: z.array(z.string()).openapi({ description: 'Former slugs, still reserved for this org' }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Organization');

export const OrganizationWithRole = Organization.extend({
  role: z.enum(memberRoles).nullable().openapi({ description: "The caller's role (null for an API key)" }),
}).openapi('OrganizationWithRole');

export const OrganizationBody = z.object({ data: OrganizationWithRole });
export const OrganizationList = z.object({ data: z.array(OrganizationWithRole), next_cursor: z.string().nullable() });

const Name = z.string().trim().min(1).max(120);
const BrandColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'A colour is #rrggbb')
  .transform((v) => v.toLowerCase());

export const CreateOrganization = z.object({ name: Name, slug: Slug }).strict().openapi('CreateOrganization');

export const UpdateOrganization = z
  .object({ name: Name, slug: Slug, brand_color: BrandColor, time_zone: TimeZone })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Give at least one field to change')
  .openapi('UpdateOrganization');

export const DeleteOrganizationQuery = z.object({
  confirm: z.string().openapi({ description: "The org's current slug, as confirmation" }),
});

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

export const errorResponses = {
  400: { description: 'Invalid request' },
  401: { description: 'Not signed in' },
  403: { description: 'Not allowed' },
  404: { description: 'Not found' },
} as const;

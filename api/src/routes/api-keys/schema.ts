import { z } from '@hono/zod-openapi';
import { apiKeyScopes } from '../../contract/roles.ts';

export const OrgParams = z.object({
  orgId: z.uuid().openapi({ param: { name: 'orgId', in: 'path' } }),
});

export const KeyParams = OrgParams.extend({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
});

export const CreateApiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(120),
    scopes: z
      .array(z.enum(apiKeyScopes))
      .min(1)
      .refine((scopes) => new Set(scopes).size === scopes.length, 'Scopes must not repeat'),
  })
  .openapi('CreateApiKey');

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

/** A key as anyone but its creator sees it: never the secret, never its hash. */
export const ApiKey = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().openapi({ description: 'The first characters of the secret, to tell keys apart' }),
    scopes: z.array(z.enum(apiKeyScopes)),
    created_by: z.uuid().nullable(),
    created_at: z.string().openapi({ format: 'date-time' }),
    last_used_at: z.string().openapi({ format: 'date-time' }).nullable(),
    revoked_at: z.string().openapi({ format: 'date-time' }).nullable(),
  })
  .openapi('ApiKey');

export const CreatedApiKey = z
  .object({
    data: ApiKey.extend({
      secret: z.string().openapi({ description: 'The key itself (lsk_…): shown in this answer only, store it now' }),
    }),
  })
  .openapi('CreatedApiKey');

export const ApiKeyList = z.object({ data: z.array(ApiKey), next_cursor: z.string().nullable() }).openapi('ApiKeyList');

/** Columns of ApiKey, times as ISO UTC text. */
export const apiKeyColumns = `id, name, prefix, scopes, created_by,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at,
  to_char(last_used_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as last_used_at,
  to_char(revoked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as revoked_at`;

export type ApiKeyRow = z.infer<typeof ApiKey>;

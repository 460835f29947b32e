import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { generateApiKeySecret, hashApiKeySecret } from '../../auth/api-key-secret.ts';
import { apiKeyColumns, CreateApiKeyBody, CreatedApiKey, OrgParams, type ApiKeyRow } from './schema.ts';

// `lsk_` and 8 characters: enough to tell keys apart, far too little to guess the other 35.
const prefixLength = 12;

/** POST /api/organizations/:orgId/api-keys: a new key; the answer is the only place its secret appears. */
export const createApiKey = defineRoute(
  { kind: 'org', role: 'admin' },
  createRoute({
    method: 'post',
    path: '/api/organizations/{orgId}/api-keys',
    tags: ['api-keys'],
    summary: 'Create an API key (the secret is shown once, in this answer)',
    request: {
      params: OrgParams,
      body: { required: true, content: { 'application/json': { schema: CreateApiKeyBody } } },
    },
    responses: { 201: { description: 'Created', content: { 'application/json': { schema: CreatedApiKey } } } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { name, scopes } = c.req.valid('json');
    const caller = c.get('caller');
    const secret = generateApiKeySecret();
    const key = await asCaller(c, async (tx) => {
      const [row] = await tx.query<ApiKeyRow>(
        `insert into public.api_keys (org_id, name, prefix, key_hash, scopes, created_by)
         values ($1, $2, $3, $4, $5, $6) returning ${apiKeyColumns}`,
        [
          orgId,
          name,
          secret.slice(0, prefixLength),
          hashApiKeySecret(secret),
          scopes,
          caller.kind === 'user' ? caller.userId : null,
        ],
      );
      // Never the secret or its hash: the event log is readable by every viewer.
      await appendEvent(tx, orgId, 'api_key.created', {
        id: row!.id,
        name: row!.name,
        prefix: row!.prefix,
        scopes: row!.scopes,
      });
      return row!;
    });
    c.header('Cache-Control', 'no-store');
    return c.json({ data: { ...key, secret } }, 201);
  },
);

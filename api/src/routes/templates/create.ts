import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { writeContext } from '../../http/caller-author.ts';
import { createTemplate as insertTemplate } from '../../templates/write.ts';
import { assertMayWriteKind, writeTemplates } from './access.ts';
import { CreateTemplateBody, OrgParams, TemplateBody } from './schema.ts';

/**
 * POST /api/organizations/:orgId/templates: a reusable incident or maintenance. Its services must be
 * the org's own (422 otherwise, reported like ids that do not exist); `template.created`.
 */
export const createTemplate = defineRoute(
  writeTemplates,
  createRoute({
    method: 'post',
    path: '/api/organizations/{orgId}/templates',
    tags: ['templates'],
    summary: 'Create a template',
    request: {
      params: OrgParams,
      body: { required: true, content: { 'application/json': { schema: CreateTemplateBody } } },
    },
    responses: {
      201: { description: 'The new template', content: { 'application/json': { schema: TemplateBody } } },
      409: { description: 'Another template of the organization has this name' },
      422: { description: 'A service named is not a service of the organization' },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { kind, impact, duration_minutes, ...body } = c.req.valid('json');
    assertMayWriteKind(c, kind);
    const fields = {
      ...body,
      // An incident's usual impact unless named; a maintenance has none (a given one is refused).
      impact: impact ?? (kind === 'incident' ? 'minor' : null),
      duration_minutes: duration_minutes ?? null,
    };
    const template = await asCaller(c, (tx) => insertTemplate(tx, orgId, kind, fields, writeContext(c)));
    return c.json({ data: template }, 201);
  },
);

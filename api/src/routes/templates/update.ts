import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { writeContext } from '../../http/caller-author.ts';
import { notFound } from '../../errors.ts';
import { loadTemplate } from '../../templates/state.ts';
import { editTemplate } from '../../templates/write.ts';
import { assertMayWriteKind, writeTemplates } from './access.ts';
import { TemplateBody, TemplateParams, UpdateTemplateBody } from './schema.ts';

/** PUT /api/organizations/:orgId/templates/:id: changes the fields given; the kind stays. `template.updated`. */
export const updateTemplate = defineRoute(
  writeTemplates,
  createRoute({
    method: 'put',
    path: '/api/organizations/{orgId}/templates/{id}',
    tags: ['templates'],
    summary: 'Edit a template',
    request: {
      params: TemplateParams,
      body: { required: true, content: { 'application/json': { schema: UpdateTemplateBody } } },
    },
    responses: {
      200: { description: 'The template', content: { 'application/json': { schema: TemplateBody } } },
      409: { description: 'Another template of the organization has this name' },
      422: { description: 'A service named is not a service of the organization' },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const changes = c.req.valid('json');
    const write = writeContext(c);
    const template = await asCaller(c, async (tx) => {
      const current = await loadTemplate(tx, orgId, id);
      if (!current) throw notFound('Template');
      assertMayWriteKind(c, current.kind);
      return editTemplate(tx, orgId, current, changes, write);
    });
    return c.json({ data: template }, 200);
  },
);

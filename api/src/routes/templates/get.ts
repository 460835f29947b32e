import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { notFound } from '../../errors.ts';
import { loadTemplate } from '../../templates/state.ts';
import { readTemplates } from './access.ts';
import { TemplateBody, TemplateParams } from './schema.ts';

/** GET /api/organizations/:orgId/templates/:id: one template, as the new-incident form starts from it. */
export const getTemplate = defineRoute(
  readTemplates,
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/templates/{id}',
    tags: ['templates'],
    summary: 'Get a template',
    request: { params: TemplateParams },
    responses: { 200: { description: 'The template', content: { 'application/json': { schema: TemplateBody } } } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const template = await asCaller(c, (tx) => loadTemplate(tx, orgId, id));
    if (!template) throw notFound('Template');
    return c.json({ data: template }, 200);
  },
);

import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { notFound } from '../../errors.ts';
import { loadTemplate } from '../../templates/state.ts';
import { deleteTemplate as removeTemplate } from '../../templates/write.ts';
import { assertMayWriteKind, writeTemplates } from './access.ts';
import { TemplateParams } from './schema.ts';

/**
 * DELETE /api/organizations/:orgId/templates/:id: members may, as they may delete what it starts
 * (nothing that was opened from it changes); `template.deleted`.
 */
export const deleteTemplate = defineRoute(
  writeTemplates,
  createRoute({
    method: 'delete',
    path: '/api/organizations/{orgId}/templates/{id}',
    tags: ['templates'],
    summary: 'Delete a template',
    request: { params: TemplateParams },
    responses: { 204: { description: 'Deleted' } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    await asCaller(c, async (tx) => {
      const template = await loadTemplate(tx, orgId, id);
      if (!template) throw notFound('Template');
      assertMayWriteKind(c, template.kind);
      await removeTemplate(tx, orgId, template);
    });
    return c.body(null, 204);
  },
);

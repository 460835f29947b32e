import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { decodeCursor, encodeCursor, isText, isUuid } from '../../http/cursor.ts';
import { loadTemplates } from '../../templates/state.ts';
import { readTemplates } from './access.ts';
import { OrgParams, TemplateList, TemplateListQuery } from './schema.ts';

/** GET /api/organizations/:orgId/templates: the org's templates by name, optionally of one kind. */
export const listTemplates = defineRoute(
  readTemplates,
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/templates',
    tags: ['templates'],
    summary: "List the organization's incident and maintenance templates, by name",
    request: { params: OrgParams, query: TemplateListQuery },
    responses: {
      200: { description: 'A page of templates', content: { 'application/json': { schema: TemplateList } } },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { kind, limit, cursor } = c.req.valid('query');
    const after = cursor ? decodeCursor<[string, string]>(cursor, [isText, isUuid]) : null;
    const rows = await asCaller(c, (tx) =>
      loadTemplates(tx, orgId, {
        ...(kind ? { kind } : {}),
        ...(after ? { after: { name: after[0], id: after[1] } } : {}),
        limit: limit + 1,
      }),
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const next = rows.length > limit && last ? encodeCursor([last.name, last.id]) : null;
    return c.json({ data: page, next_cursor: next }, 200);
  },
);

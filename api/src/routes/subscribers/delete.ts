import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { notFound } from '../../errors.ts';
import { SubscriberParams } from './schema.ts';

/** DELETE /api/organizations/:orgId/subscribers/:id: removes a subscriber (no mail is sent to it again). */
export const deleteSubscriber = defineRoute(
  { kind: 'org', role: 'admin' },
  createRoute({
    method: 'delete',
    path: '/api/organizations/{orgId}/subscribers/{id}',
    operationId: 'deleteSubscriber',
    tags: ['subscribers'],
    summary: 'Remove a subscriber',
    request: { params: SubscriberParams },
    responses: { 204: { description: 'Removed' } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const rows = await asCaller(c, (tx) =>
      tx.query(`delete from public.status_subscribers where org_id = $1 and id = $2 returning id`, [orgId, id]),
    );
    if (rows.length === 0) throw notFound('Subscriber');
    return c.body(null, 204);
  },
);

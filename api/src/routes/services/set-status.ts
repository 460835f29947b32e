import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { setManualStatus } from '../../status/set-manual-status.ts';
import { idempotent } from '../../idempotency/idempotent.ts';
import { notFound } from '../../errors.ts';
import { writeServiceStatus } from './access.ts';
import { ServiceBody, ServiceParams, SetStatusBody } from './schema.ts';

/**
 * POST /api/organizations/:orgId/services/:id/status: sets the service's manual hold. The shown status
 * is recomputed from every hold (an open incident may keep it worse); when it changes, history and a
 * `service.status_changed` event are written (source `manual` for a person, `api` for a key). When
 * only the hold changes, a `service.manual_status_changed` event carries the new state, so the admin
 * SPA sees the hold it will fall back to. Setting the hold it already has writes nothing. Scripts may
 * retry with an `Idempotency-Key`.
 */
export const setServiceStatus = defineRoute(
  writeServiceStatus,
  createRoute({
    method: 'post',
    path: '/api/organizations/{orgId}/services/{id}/status',
    operationId: 'setServiceStatus',
    tags: ['services'],
    summary: "Set a service's manual status",
    description: 'Accepts an `Idempotency-Key` header: a repeat within 24 h answers the first answer again.',
    middleware: [idempotent()],
    request: {
      params: ServiceParams,
      body: { required: true, content: { 'application/json': { schema: SetStatusBody } } },
    },
    responses: {
      200: {
        description: 'The service with its shown status',
        content: { 'application/json': { schema: ServiceBody } },
      },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const { status, message } = c.req.valid('json');
    const source = c.get('caller').kind === 'api_key' ? 'api' : 'manual';
    const service = await asCaller(c, (tx) =>
      setManualStatus(tx, orgId, id, status, { source, message: message ?? null }),
    );
    if (!service) throw notFound('Service');
    return c.json({ data: service }, 200);
  },
);

import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { recomputeServiceStatuses } from '../../status/recompute.ts';
import { serviceColumnsOf, toServiceWire, type ServiceRow } from '../../status/service-row.ts';
import type { HoldStatus } from '../../contract/status.ts';
import { idempotent } from '../../idempotency/idempotent.ts';
import { writeServiceStatus } from './access.ts';
import { loadService } from './load.ts';
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
    const service = await asCaller(c, async (tx) => {
      // One statement locks the row, sets the hold and tells the previous one; no row: the hold is
      // already `status` (nothing to write) or there is no such service (404).
      const [updated] = await tx.query<ServiceRow & { previous_manual_status: HoldStatus }>(
        `update public.services s set manual_status = $3, updated_at = now()
         from (select id, manual_status from public.services where org_id = $1 and id = $2 for update) old
         where s.id = old.id and old.manual_status <> $3
         returning old.manual_status as previous_manual_status, ${serviceColumnsOf('s')}`,
        [orgId, id, status],
      );
      if (!updated) return toServiceWire(await loadService(tx, orgId, id));
      const changes = await recomputeServiceStatuses(tx, orgId, [id], { source, message: message ?? null });
      const service = toServiceWire(changes[0]?.service ?? updated);
      if (changes.length === 0) {
        await appendEvent(tx, orgId, 'service.manual_status_changed', {
          service,
          previous_manual_status: updated.previous_manual_status,
        });
      }
      return service;
    });
    return c.json({ data: service }, 200);
  },
);

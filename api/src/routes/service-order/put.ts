import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { AppError } from '../../errors.ts';
import type { Queryable } from '../../db/types.ts';
import { serviceColumns, toServiceWire, type ServiceRow } from '../../status/service-row.ts';
import { manageServices } from '../services/access.ts';
import { groupColumns, toGroupWire, type GroupRow } from '../service-groups/group-row.ts';
import { OrgParams, ServiceOrderBody, ServiceOrderResult } from './schema.ts';

async function orgGroups(tx: Queryable, orgId: string, lock = false): Promise<GroupRow[]> {
  return tx.query<GroupRow>(
    `select ${groupColumns} from public.service_groups where org_id = $1 order by position, name, id${lock ? ' for update' : ''}`,
    [orgId],
  );
}

async function orgServices(tx: Queryable, orgId: string, lock = false): Promise<ServiceRow[]> {
  return tx.query<ServiceRow>(
    `select ${serviceColumns} from public.services where org_id = $1 order by position, name, id${lock ? ' for update' : ''}`,
    [orgId],
  );
}

/**
 * PUT /api/organizations/:orgId/service-order: group positions, and service groups and positions, in
 * one transaction. Entities not listed keep theirs. Each entity that moves gets its `service_group.updated`
 * or `service.updated` event with its full new state (the events consumers already upsert).
 */
export const putServiceOrder = defineRoute(
  manageServices,
  createRoute({
    method: 'put',
    path: '/api/organizations/{orgId}/service-order',
    tags: ['services'],
    summary: 'Reorder groups and services, and move services between groups, in one call',
    request: {
      params: OrgParams,
      body: { required: true, content: { 'application/json': { schema: ServiceOrderBody } } },
    },
    responses: {
      200: { description: 'The new order', content: { 'application/json': { schema: ServiceOrderResult } } },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const body = c.req.valid('json');
    const result = await asCaller(c, async (tx) => {
      const groups = new Map((await orgGroups(tx, orgId, true)).map((g) => [g.id, g]));
      const services = new Map((await orgServices(tx, orgId, true)).map((s) => [s.id, s]));
      const problems: { path: (string | number)[]; message: string; code: string }[] = [];
      body.groups.forEach((g, i) => {
        if (!groups.has(g.id))
          problems.push({
            path: ['groups', i, 'id'],
            message: 'No service group with this id in the organization',
            code: 'invalid_reference',
          });
      });
      body.services.forEach((s, i) => {
        if (!services.has(s.id))
          problems.push({
            path: ['services', i, 'id'],
            message: 'No service with this id in the organization',
            code: 'invalid_reference',
          });
        if (s.group_id !== null && !groups.has(s.group_id)) {
          problems.push({
            path: ['services', i, 'group_id'],
            message: 'No service group with this id in the organization',
            code: 'invalid_reference',
          });
        }
      });
      if (problems.length) throw new AppError('validation_failed', 'Invalid json', { details: problems });

      for (const { id, position } of body.groups) {
        if (groups.get(id)!.position === position) continue;
        const [row] = await tx.query<GroupRow>(
          `update public.service_groups set position = $3, updated_at = now() where org_id = $1 and id = $2 returning ${groupColumns}`,
          [orgId, id, position],
        );
        await appendEvent(tx, orgId, 'service_group.updated', { service_group: toGroupWire(row!) });
      }
      for (const { id, group_id, position } of body.services) {
        const current = services.get(id)!;
        if (current.group_id === group_id && current.position === position) continue;
        const [row] = await tx.query<ServiceRow>(
          `update public.services set group_id = $3, position = $4, updated_at = now() where org_id = $1 and id = $2 returning ${serviceColumns}`,
          [orgId, id, group_id, position],
        );
        await appendEvent(tx, orgId, 'service.updated', { service: toServiceWire(row!) });
      }
      return {
        groups: (await orgGroups(tx, orgId)).map(toGroupWire),
        services: (await orgServices(tx, orgId)).map(toServiceWire),
      };
    });
    return c.json({ data: result }, 200);
  },
);

import type { Queryable } from '../db/types.ts';
import { AppError } from '../errors.ts';

/**
 * Refuses (422, nothing written) any service id that is not a service of `orgId` as the caller sees
 * it. A service of another org is reported exactly like one that does not exist, so ids of other
 * tenants cannot be probed. `path` names the body field for the error details.
 */
export async function assertServicesInOrg(
  tx: Queryable,
  orgId: string,
  serviceIds: readonly string[],
  path: (index: number) => (string | number)[],
): Promise<void> {
  if (serviceIds.length === 0) return;
  const found = await tx.query<{ id: string }>(
    'select id from public.services where org_id = $1 and id = any($2::uuid[])',
    [orgId, serviceIds],
  );
  const known = new Set(found.map((row) => row.id));
  const unknown = serviceIds.flatMap((id, index) => (known.has(id) ? [] : [{ index, id }]));
  if (unknown.length > 0) {
    throw new AppError('unprocessable', 'Some services do not exist in this organization', {
      details: unknown.map(({ index, id }) => ({
        path: path(index),
        message: `Unknown service ${id}`,
        code: 'unknown_service',
      })),
    });
  }
}

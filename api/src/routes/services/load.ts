import type { Queryable } from '../../db/types.ts';
import { AppError, conflict, notFound } from '../../errors.ts';
import { serviceColumns, type ServiceRow } from '../../status/service-row.ts';

/** The service `id` of `orgId` (locked for update when asked), or a 404. */
export async function loadService(tx: Queryable, orgId: string, id: string, forUpdate = false): Promise<ServiceRow> {
  const [row] = await tx.query<ServiceRow>(
    `select ${serviceColumns} from public.services where org_id = $1 and id = $2${forUpdate ? ' for update' : ''}`,
    [orgId, id],
  );
  if (!row) throw notFound('Service');
  return row;
}

/** Refuses a group id that is not a group of `orgId` (the composite foreign key would say so less clearly). */
export async function assertGroupInOrg(
  tx: Queryable,
  orgId: string,
  groupId: string | null | undefined,
  path: (string | number)[] = ['group_id'],
): Promise<void> {
  if (groupId === null || groupId === undefined) return;
  const [row] = await tx.query('select 1 from public.service_groups where org_id = $1 and id = $2', [orgId, groupId]);
  if (!row) {
    throw new AppError('validation_failed', 'Invalid json', {
      details: [{ path, message: 'No service group with this id in the organization', code: 'invalid_reference' }],
    });
  }
}

/** Refuses a slug another service of the org already has, with a clear 409. */
export async function assertSlugFree(
  tx: Queryable,
  orgId: string,
  slug: string,
  exceptId: string | null = null,
): Promise<void> {
  const [row] = await tx.query(
    'select 1 from public.services where org_id = $1 and slug = $2 and id is distinct from $3',
    [orgId, slug, exceptId],
  );
  if (row) throw conflict(`Another service of this organization already has the slug "${slug}"`);
}

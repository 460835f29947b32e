import type { Queryable } from '../db/types.ts';
import type { IncidentStatus } from '../contract/status.ts';
import { notFound } from '../errors.ts';
import type { WriteContext } from '../timeline/author.ts';
import type { IncidentState } from './types.ts';
import {
  insertIncidentUpdate,
  lockIncident,
  publishIncident,
  recomputeForIncident,
  setIncidentStatus,
} from './mutate.ts';

/**
 * Adds a timeline entry and moves the incident to its status. `resolved` resolves it (holds end); any
 * other status on a resolved incident reopens it.
 */
export async function postIncidentUpdate(
  tx: Queryable,
  orgId: string,
  id: string,
  entry: { status: IncidentStatus; message: string },
  { now, author }: WriteContext,
): Promise<IncidentState> {
  const current = await lockIncident(tx, orgId, id);
  const resolved = await setIncidentStatus(tx, current, entry.status, now);
  if (!resolved) await tx.query('update public.incidents set updated_at = $2 where id = $1', [id, now]);
  const updateId = await insertIncidentUpdate(tx, orgId, id, entry, author, now);
  if (entry.status !== current.status) {
    const held = current.services.map((s) => s.service_id);
    await recomputeForIncident(tx, orgId, id, held, current.title);
  }
  const types = resolved ? ['incident_update.created', 'incident.resolved'] : ['incident_update.created'];
  return publishIncident(tx, orgId, id, types, { update_id: updateId });
}

/** Corrects an entry's text. Its status is history and stays. */
export async function editIncidentUpdate(
  tx: Queryable,
  orgId: string,
  { id, updateId }: { id: string; updateId: string },
  message: string,
  now: Date,
): Promise<IncidentState> {
  await lockIncident(tx, orgId, id);
  const edited = await tx.query(
    `update public.incident_updates set message = $4, updated_at = $5
     where org_id = $1 and incident_id = $2 and id = $3 returning id`,
    [orgId, id, updateId, message, now],
  );
  if (edited.length === 0) throw notFound('Incident update');
  return publishIncident(tx, orgId, id, ['incident_update.updated'], { update_id: updateId });
}

/** Removes an entry from the timeline (a post made by mistake); status and holds do not change. */
export async function deleteIncidentUpdate(
  tx: Queryable,
  orgId: string,
  { id, updateId }: { id: string; updateId: string },
): Promise<void> {
  await lockIncident(tx, orgId, id);
  const deleted = await tx.query(
    'delete from public.incident_updates where org_id = $1 and incident_id = $2 and id = $3 returning id',
    [orgId, id, updateId],
  );
  if (deleted.length === 0) throw notFound('Incident update');
  await publishIncident(tx, orgId, id, ['incident_update.deleted'], { update_id: updateId });
}

import type { Queryable } from '../db/types.ts';
import { conflict } from '../errors.ts';
import type { IncidentState } from './types.ts';
import { lockIncident, publishIncident } from './mutate.ts';

/**
 * Writes (or, with null, removes) the post-mortem of a resolved incident. An open incident has none to
 * write yet: 409. Holds and statuses do not move; the event carries the incident's new full state, so
 * the public page re-renders with it. A reopened incident keeps the post-mortem it had.
 */
export async function setIncidentPostmortem(
  tx: Queryable,
  orgId: string,
  id: string,
  postmortem: string | null,
  now: Date,
): Promise<IncidentState> {
  const current = await lockIncident(tx, orgId, id);
  if (current.status !== 'resolved') throw conflict('Only a resolved incident can have a post-mortem');
  await tx.query(
    `update public.incidents
     set postmortem = $2, postmortem_updated_at = case when $2::text is null then null else $3::timestamptz end,
         updated_at = $3
     where id = $1`,
    [id, postmortem, now],
  );
  return publishIncident(tx, orgId, id, [
    postmortem === null ? 'incident.postmortem_deleted' : 'incident.postmortem_updated',
  ]);
}

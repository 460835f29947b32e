import type { Queryable } from '../db/types.ts';
import type { IncidentImpact, IncidentStatus } from '../contract/status.ts';
import { appendEvent } from '../db/events.ts';
import { conflict } from '../errors.ts';
import { assertServicesInOrg } from '../status/org-services.ts';
import type { WriteContext } from '../timeline/author.ts';
import type { IncidentState, ServiceImpact } from './types.ts';
import {
  assertStartedAt,
  defaultUpdateMessage,
  insertIncidentUpdate,
  lockIncident,
  publishIncident,
  recomputeForIncident,
  setIncidentServices,
  setIncidentStatus,
} from './mutate.ts';

const servicePath = (i: number) => ['services', i, 'service_id'];

/** What opening an incident needs (the route's validated body). */
export interface OpenIncident {
  title: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  started_at?: string;
  services: ServiceImpact[];
  message: string;
}

/**
 * Opens an incident, its first update, and its holds on the affected services, whose shown statuses
 * are recomputed in the same transaction.
 */
export async function openIncident(
  tx: Queryable,
  orgId: string,
  input: OpenIncident,
  { now, author }: WriteContext,
): Promise<IncidentState> {
  const startedAt = input.started_at ? new Date(input.started_at) : now;
  assertStartedAt(startedAt, now);
  const serviceIds = input.services.map((s) => s.service_id);
  await assertServicesInOrg(tx, orgId, serviceIds, servicePath);
  const [row] = await tx.query<{ id: string }>(
    `insert into public.incidents (org_id, title, status, impact, started_at, resolved_at, created_by, created_at, updated_at)
     values ($1, $2, $3, $4, $5, case when $3 = 'resolved' then $6::timestamptz end, $7, $6, $6)
     returning id`,
    [orgId, input.title, input.status, input.impact, startedAt, now, author.userId],
  );
  const id = row!.id;
  await setIncidentServices(tx, orgId, id, input.services);
  await insertIncidentUpdate(tx, orgId, id, { status: input.status, message: input.message }, author, now);
  await recomputeForIncident(tx, orgId, id, serviceIds, input.title);
  return publishIncident(tx, orgId, id, ['incident.created']);
}

/** An edit of an incident: every field optional (the route's validated body). */
export interface EditIncident {
  title?: string;
  status?: IncidentStatus;
  impact?: IncidentImpact;
  started_at?: string;
  services?: ServiceImpact[];
  message?: string;
}

/**
 * Edits title, impact, start time, affected services or status. A status change (or a message) also
 * writes a timeline entry; changed holds are recomputed.
 */
export async function editIncident(
  tx: Queryable,
  orgId: string,
  id: string,
  edit: EditIncident,
  { now, author }: WriteContext,
): Promise<IncidentState> {
  const current = await lockIncident(tx, orgId, id);
  const status = edit.status ?? current.status;
  const resolvedAt = status !== 'resolved' ? null : current.resolved_at ? new Date(current.resolved_at) : now;
  if (edit.started_at) assertStartedAt(new Date(edit.started_at), now, resolvedAt);
  if (edit.services) {
    await assertServicesInOrg(
      tx,
      orgId,
      edit.services.map((s) => s.service_id),
      servicePath,
    );
    await setIncidentServices(tx, orgId, id, edit.services);
  }
  await tx.query(
    `update public.incidents
     set title = coalesce($2, title), impact = coalesce($3, impact),
         started_at = coalesce($4::timestamptz, started_at), updated_at = $5
     where id = $1`,
    [id, edit.title ?? null, edit.impact ?? null, edit.started_at ?? null, now],
  );
  const resolved = await setIncidentStatus(tx, current, status, now);
  if ((edit.status !== undefined && edit.status !== current.status) || edit.message !== undefined) {
    await insertIncidentUpdate(
      tx,
      orgId,
      id,
      { status, message: edit.message ?? defaultUpdateMessage(status) },
      author,
      now,
    );
  }
  const touched = [...current.services, ...(edit.services ?? [])].map((s) => s.service_id);
  await recomputeForIncident(tx, orgId, id, touched, edit.title ?? current.title);
  return publishIncident(tx, orgId, id, resolved ? ['incident.updated', 'incident.resolved'] : ['incident.updated']);
}

/** Resolves the incident with a final update; its holds end and the services are recomputed. 409 when already resolved. */
export async function resolveIncident(
  tx: Queryable,
  orgId: string,
  id: string,
  message: string | undefined,
  { now, author }: WriteContext,
): Promise<IncidentState> {
  const current = await lockIncident(tx, orgId, id);
  if (current.status === 'resolved') throw conflict('This incident is already resolved');
  await setIncidentStatus(tx, current, 'resolved', now);
  const entry = { status: 'resolved' as const, message: message ?? defaultUpdateMessage('resolved') };
  await insertIncidentUpdate(tx, orgId, id, entry, author, now);
  const held = current.services.map((s) => s.service_id);
  await recomputeForIncident(tx, orgId, id, held, current.title);
  return publishIncident(tx, orgId, id, ['incident.resolved']);
}

/** Erases the incident and its timeline; the holds it had go with it, so its services are recomputed. */
export async function deleteIncident(tx: Queryable, orgId: string, id: string): Promise<void> {
  const incident = await lockIncident(tx, orgId, id);
  await tx.query('delete from public.incidents where org_id = $1 and id = $2', [orgId, id]);
  // The incident row is gone, so history can only name it in the message, not by id.
  const held = incident.services.map((s) => s.service_id);
  await recomputeForIncident(tx, orgId, null, held, `${incident.title} (deleted)`);
  await appendEvent(tx, orgId, 'incident.deleted', { incident });
}

import type { Queryable } from '../db/types.ts';
import type { MaintenanceStatus } from '../contract/status.ts';
import { appendEvent } from '../db/events.ts';
import { conflict } from '../errors.ts';
import { assertServicesInOrg } from '../status/org-services.ts';
import type { WriteContext } from '../timeline/author.ts';
import type { MaintenanceState } from './types.ts';
import { loadMaintenance } from './state.ts';
import { transitionMaintenance } from './transitions.ts';
import {
  assertWindow,
  insertMaintenanceUpdate,
  lockMaintenance,
  publishMaintenance,
  recomputeForMaintenance,
  setMaintenanceServices,
} from './mutate.ts';

const servicePath = (i: number) => ['service_ids', i];

/** What scheduling a window needs (the route's validated body). */
export interface ScheduleMaintenance {
  title: string;
  description: string;
  starts_at: string;
  ends_at: string;
  service_ids: string[];
  message?: string;
}

/**
 * Schedules a window. One whose start has already come starts at once, in the same transaction,
 * rather than waiting for the scheduler's next tick.
 */
export async function scheduleMaintenance(
  tx: Queryable,
  orgId: string,
  input: ScheduleMaintenance,
  { now, author }: WriteContext,
): Promise<MaintenanceState> {
  const startsAt = new Date(input.starts_at);
  assertWindow(startsAt, new Date(input.ends_at), now);
  await assertServicesInOrg(tx, orgId, input.service_ids, servicePath);
  const [row] = await tx.query<{ id: string }>(
    `insert into public.maintenances (org_id, title, description, starts_at, ends_at, created_by, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $7) returning id`,
    [orgId, input.title, input.description, input.starts_at, input.ends_at, author.userId, now],
  );
  const id = row!.id;
  await setMaintenanceServices(tx, orgId, id, input.service_ids);
  if (input.message)
    await insertMaintenanceUpdate(tx, orgId, id, { status: 'scheduled', message: input.message }, author, now);
  const types = ['maintenance.created'];
  if (startsAt <= now) {
    const current = (await loadMaintenance(tx, orgId, id, { lock: true }))!;
    types.push((await transitionMaintenance(tx, orgId, current, 'in_progress', { now, author }))!);
  }
  return publishMaintenance(tx, orgId, id, types);
}

/** An edit of a maintenance: every field optional (the route's validated body). */
export interface EditMaintenance {
  title?: string;
  description?: string;
  starts_at?: string;
  ends_at?: string;
  service_ids?: string[];
  status?: MaintenanceStatus;
  message?: string;
}

/** Refuses plan edits the maintenance's state no longer allows (409). */
function assertPlanEditable(current: MaintenanceState, edit: EditMaintenance, startsAt: Date): void {
  const planEdit = edit.starts_at !== undefined || edit.ends_at !== undefined || edit.service_ids !== undefined;
  if (planEdit && current.status !== 'scheduled' && current.status !== 'in_progress') {
    throw conflict(`A ${current.status} maintenance's window and services can no longer change`);
  }
  if (
    current.status === 'in_progress' &&
    edit.starts_at !== undefined &&
    startsAt.getTime() !== Date.parse(current.starts_at)
  ) {
    throw conflict('A maintenance in progress has already started; its start cannot move');
  }
}

/**
 * Edits the plan (title, description, window, services) and/or moves the status: `in_progress`
 * starts it now, `completed` ends it early, `cancelled` calls it off. A finished maintenance keeps its
 * window and services; only its text can still be corrected.
 */
export async function editMaintenance(
  tx: Queryable,
  orgId: string,
  id: string,
  edit: EditMaintenance,
  { now, author }: WriteContext,
): Promise<MaintenanceState> {
  const current = await lockMaintenance(tx, orgId, id);
  const startsAt = new Date(edit.starts_at ?? current.starts_at);
  const endsAt = new Date(edit.ends_at ?? current.ends_at);
  assertPlanEditable(current, edit, startsAt);
  if (edit.starts_at !== undefined || edit.ends_at !== undefined) assertWindow(startsAt, endsAt, now);
  if (edit.service_ids) {
    await assertServicesInOrg(tx, orgId, edit.service_ids, servicePath);
    await setMaintenanceServices(tx, orgId, id, edit.service_ids);
  }
  const fieldsChanged = Object.keys(edit).some((key) => key !== 'status' && key !== 'message');
  await tx.query(
    `update public.maintenances
     set title = coalesce($2, title), description = coalesce($3, description),
         starts_at = $4, ends_at = $5, updated_at = $6
     where id = $1`,
    [id, edit.title ?? null, edit.description ?? null, startsAt, endsAt, now],
  );
  if (edit.service_ids && current.status === 'in_progress') {
    const covered = [...current.service_ids, ...edit.service_ids];
    await recomputeForMaintenance(tx, orgId, id, covered, edit.title ?? current.title);
  }
  const types = fieldsChanged ? ['maintenance.updated'] : [];
  // A scheduled window moved to start now (or earlier) starts at once, as a new one would.
  const target = edit.status ?? (current.status === 'scheduled' && startsAt <= now ? 'in_progress' : undefined);
  if (target === 'scheduled' && current.status !== 'scheduled')
    throw conflict('A maintenance cannot go back to scheduled');
  const edited = (await loadMaintenance(tx, orgId, id, { lock: true }))!;
  const moved =
    target && target !== 'scheduled'
      ? await transitionMaintenance(tx, orgId, edited, target, { now, author, message: edit.message })
      : null;
  if (moved) types.push(moved);
  else if (edit.message)
    await insertMaintenanceUpdate(tx, orgId, id, { status: edited.status, message: edit.message }, author, now);
  return publishMaintenance(tx, orgId, id, types.length ? types : ['maintenance.updated']);
}

/** Removes it and its timeline. Deleting one in progress ends its effect, so its services are recomputed. */
export async function deleteMaintenance(tx: Queryable, orgId: string, id: string): Promise<void> {
  const maintenance = await lockMaintenance(tx, orgId, id);
  await tx.query('delete from public.maintenances where org_id = $1 and id = $2', [orgId, id]);
  if (maintenance.status === 'in_progress') {
    // The row is gone, so history names it in the message only.
    await recomputeForMaintenance(tx, orgId, null, maintenance.service_ids, `${maintenance.title} (deleted)`);
  }
  await appendEvent(tx, orgId, 'maintenance.deleted', { maintenance });
}

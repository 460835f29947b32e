import type { Queryable } from '../db/types.ts';
import type { MaintenanceState } from './types.ts';
import { iso, isoOrNull } from '../db/iso-time.ts';
import { loadTimelines, type Timeline } from '../timeline/entries.ts';
import { selectEntity, type EntityTable } from '../timeline/entity.ts';

type Time = Date | string;

/** A row of `public.maintenances` as selected with `maintenanceColumns`. */
export interface MaintenanceRow {
  id: string;
  title: string;
  description: string;
  status: MaintenanceState['status'];
  starts_at: Time;
  ends_at: Time;
  started_at: Time | null;
  completed_at: Time | null;
  created_by: string | null;
  created_at: Time;
  updated_at: Time;
}

/** The columns every reader selects (alias `m`). */
export const maintenanceColumns =
  'm.id, m.title, m.description, m.status, m.starts_at, m.ends_at, m.started_at, m.completed_at, m.created_by, m.created_at, m.updated_at';

/** The maintenances table as the shared timeline helpers see it. */
export const maintenanceTable: EntityTable = {
  table: 'maintenances',
  alias: 'm',
  columns: maintenanceColumns,
  label: 'Maintenance',
  eventKey: 'maintenance',
};

/** A maintenance's timeline: `maintenance_updates`, whose entries are never edited. */
export const maintenanceTimeline: Timeline<false> = {
  table: 'maintenance_updates',
  owner: 'maintenance_id',
  editable: false,
};

/** The full state of maintenances (services and timeline), in the order of `rows`; three queries. */
export async function expandMaintenances(
  tx: Queryable,
  orgId: string,
  rows: MaintenanceRow[],
): Promise<MaintenanceState[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const services = await tx.query<{ maintenance_id: string; service_id: string }>(
    `select ms.maintenance_id, ms.service_id
     from public.maintenance_services ms join public.services s on s.id = ms.service_id
     where ms.org_id = $1 and ms.maintenance_id = any($2::uuid[])
     order by s.position, s.name, s.id`,
    [orgId, ids],
  );
  const timelines = await loadTimelines<MaintenanceState['status'], false>(tx, maintenanceTimeline, orgId, ids);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    starts_at: iso(row.starts_at),
    ends_at: iso(row.ends_at),
    started_at: isoOrNull(row.started_at),
    completed_at: isoOrNull(row.completed_at),
    created_by: row.created_by,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    service_ids: services.filter((s) => s.maintenance_id === row.id).map((s) => s.service_id),
    updates: timelines.get(row.id) ?? [],
  }));
}

/** One maintenance of the org in full, or null. `lock` takes its row lock (writers, scheduler). */
export async function loadMaintenance(
  tx: Queryable,
  orgId: string,
  id: string,
  { lock = false } = {},
): Promise<MaintenanceState | null> {
  const rows = await selectEntity<MaintenanceRow>(tx, maintenanceTable, orgId, id, lock);
  const [state] = await expandMaintenances(tx, orgId, rows);
  return state ?? null;
}

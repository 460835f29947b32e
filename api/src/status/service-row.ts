import type { HoldStatus, ServiceStatus } from '../contract/status.ts';

/**
 * The columns of a service as the API and the event log show it (`returning`/`select` list of
 * public.services, unaliased). Events carry the same shape, so a client can upsert either.
 */
export const serviceColumns =
  'id, slug, name, description, group_id, position, is_public, status, manual_status, created_at, updated_at';

/** `serviceColumns` qualified with a table alias (for statements that join, e.g. `update … from`). */
export function serviceColumnsOf(alias: string): string {
  return serviceColumns
    .split(', ')
    .map((column) => `${alias}.${column}`)
    .join(', ');
}

/** A service as selected with `serviceColumns` (drivers give timestamps as Date). */
export interface ServiceRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  group_id: string | null;
  position: number;
  is_public: boolean;
  status: ServiceStatus;
  manual_status: HoldStatus;
  created_at: Date | string;
  updated_at: Date | string;
}

/** A service on the wire: the row with ISO 8601 UTC times. */
export interface ServiceWire extends Omit<ServiceRow, 'created_at' | 'updated_at'> {
  created_at: string;
  updated_at: string;
}

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

/** The wire (and event payload) form of a service row. */
export function toServiceWire(row: ServiceRow): ServiceWire {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    group_id: row.group_id,
    position: row.position,
    is_public: row.is_public,
    status: row.status,
    manual_status: row.manual_status,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

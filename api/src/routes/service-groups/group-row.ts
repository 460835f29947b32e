/** The columns of a service group as the API and the event log show it. */
export const groupColumns = 'id, name, position, created_at, updated_at';

/** A group as selected with `groupColumns`. */
export interface GroupRow {
  id: string;
  name: string;
  position: number;
  created_at: Date | string;
  updated_at: Date | string;
}

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

/** The wire (and event payload) form of a group row. */
export function toGroupWire(row: GroupRow) {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

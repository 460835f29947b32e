import type { Queryable } from '../db/types.ts';
import { appendEvent } from '../db/events.ts';
import { notFound } from '../errors.ts';

/** The table of an entity that has a timeline, and the columns every reader selects (with `alias`). */
export interface EntityTable {
  table: 'incidents' | 'maintenances';
  alias: 'i' | 'm';
  columns: string;
  /** Its name in 404 messages (`Incident`, `Maintenance`). */
  label: string;
  /** The key of its state in event payloads (`incident`, `maintenance`). */
  eventKey: string;
}

/** The row of one entity of the org (none: empty), with its row lock when `lock` (writers, scheduler). */
export function selectEntity<Row>(
  tx: Queryable,
  { table, alias, columns }: EntityTable,
  orgId: string,
  id: string,
  lock: boolean,
): Promise<Row[]> {
  return tx.query<Row>(
    `select ${columns} from public.${table} ${alias} where ${alias}.org_id = $1 and ${alias}.id = $2${lock ? ' for update' : ''}`,
    [orgId, id],
  );
}

/**
 * Appends one event per type, each carrying the entity's full new state (streams upsert it), plus
 * `extra`; returns that state. A state that is gone (null) is a 404.
 */
export async function publishEntity<State>(
  tx: Queryable,
  orgId: string,
  entity: EntityTable,
  state: State | null,
  types: readonly string[],
  extra: Record<string, unknown> = {},
): Promise<State> {
  if (!state) throw notFound(entity.label);
  for (const type of types) await appendEvent(tx, orgId, type, { [entity.eventKey]: state, ...extra });
  return state;
}

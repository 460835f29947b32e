import type { Queryable } from '../db/types.ts';
import { iso } from '../db/iso-time.ts';
import type { Author } from './author.ts';

/**
 * Where an entity's timeline lives. Incidents' and maintenances' entries are the same concept (a
 * status, a message, an author, newest first); only incidents' can be edited, so only they keep
 * `updated_at`.
 */
export interface Timeline<Editable extends boolean = boolean> {
  /** The table of entries, in `public`. */
  table: 'incident_updates' | 'maintenance_updates';
  /** The column naming the entity the entry belongs to. */
  owner: 'incident_id' | 'maintenance_id';
  editable: Editable;
}

/** One entry as answered and carried by events (`updated_at` too when the timeline is editable). */
export interface TimelineEntry<Status extends string> {
  id: string;
  status: Status;
  message: string;
  author_id: string | null;
  author_key_id: string | null;
  created_at: string;
}

type Entry<Status extends string, Editable extends boolean> = Editable extends true
  ? TimelineEntry<Status> & { updated_at: string }
  : TimelineEntry<Status>;

interface EntryRow {
  id: string;
  status: string;
  message: string;
  author_id: string | null;
  author_key_id: string | null;
  created_at: Date | string;
  updated_at?: Date | string;
}

/** Appends an entry, written at `at`; returns its id. */
export async function insertTimelineEntry(
  tx: Queryable,
  { table, owner, editable }: Timeline,
  orgId: string,
  ownerId: string,
  entry: { status: string; message: string },
  author: Author,
  at: Date,
): Promise<string | undefined> {
  // An editable entry starts with updated_at = created_at.
  const [row] = await tx.query<{ id: string }>(
    `insert into public.${table} (org_id, ${owner}, status, message, author_id, author_key_id, created_at${editable ? ', updated_at' : ''})
     values ($1, $2, $3, $4, $5, $6, $7${editable ? ', $7) returning id' : ')'}`,
    [orgId, ownerId, entry.status, entry.message, author.userId, author.keyId, at],
  );
  return row?.id;
}

/** The timelines of several entities of the org, newest first, in one query: entity id → entries. */
export async function loadTimelines<Status extends string, Editable extends boolean>(
  tx: Queryable,
  { table, owner, editable }: Timeline<Editable>,
  orgId: string,
  ownerIds: readonly string[],
): Promise<Map<string, Entry<Status, Editable>[]>> {
  const rows = await tx.query<EntryRow & Record<string, unknown>>(
    `select id, ${owner}, status, message, author_id, author_key_id, created_at${editable ? ', updated_at' : ''}
     from public.${table}
     where org_id = $1 and ${owner} = any($2::uuid[])
     order by created_at desc, entry_no desc`,
    [orgId, ownerIds],
  );
  const timelines = new Map<string, Entry<Status, Editable>[]>(ownerIds.map((id) => [id, []]));
  for (const row of rows) {
    const entry: TimelineEntry<string> & { updated_at?: string } = {
      id: row.id,
      status: row.status,
      message: row.message,
      author_id: row.author_id,
      author_key_id: row.author_key_id,
      created_at: iso(row.created_at),
    };
    if (editable) entry.updated_at = iso(row.updated_at!);
    timelines.get(row[owner] as string)?.push(entry as Entry<Status, Editable>);
  }
  return timelines;
}

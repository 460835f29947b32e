import type { Database } from '../db/types.ts';
import { asSystem } from '../db/doors.ts';

/** What the site renderer needs of an org row: where its folders go and when it last changed. */
export interface OrgRow {
  id: string;
  slug: string;
  time_zone: string;
  last_event_seq: number | string;
  /** Former slugs (renames), each keeping redirect pages. */
  aliases: string[];
}

const orgQuery = `select o.id, o.slug, o.time_zone, o.last_event_seq,
  array(select a.slug from public.organization_slug_aliases a where a.org_id = o.id order by a.slug) as aliases
  from public.organizations o`;

/** One org by id (system door: the renderer's own job, the id comes from the event log); null when gone. */
export async function readOrgRow(db: Database, orgId: string): Promise<OrgRow | null> {
  const [row] = await asSystem(db, 'site-renderer', (tx) => tx.query<OrgRow>(`${orgQuery} where o.id = $1`, [orgId]));
  return row ?? null;
}

/** Every org, by slug: the prebuild and the catch-up. */
export function listOrgRows(db: Database): Promise<OrgRow[]> {
  return asSystem(db, 'site-renderer', (tx) => tx.query<OrgRow>(`${orgQuery} order by o.slug`));
}

/** Whether the org still exists (a delete may commit while its folder is being rendered). */
export async function orgExists(db: Database, orgId: string): Promise<boolean> {
  const rows = await asSystem(db, 'site-renderer', (tx) =>
    tx.query('select 1 from public.organizations where id = $1', [orgId]),
  );
  return rows.length > 0;
}

import type { Queryable } from '../../db/types.ts';
import type { MemberRole } from '../../contract/roles.ts';
import { notFound } from '../../errors.ts';

/** An organization as the API shows it. */
export interface OrganizationView {
  id: string;
  slug: string;
  name: string;
  brand_color: string;
  time_zone: string;
  has_logo: boolean;
  slug_aliases: string[];
  created_at: string;
  updated_at: string;
}

/** The select list for OrganizationView over `public.organizations o` (RLS applies to the subqueries too). */
export const organizationColumns = `o.id, o.slug, o.name, o.brand_color, o.time_zone,
  exists (select 1 from public.organization_logos l where l.org_id = o.id) as has_logo,
  coalesce((select array_agg(a.slug order by a.created_at, a.slug) from public.organization_slug_aliases a
            where a.org_id = o.id), '{}') as slug_aliases,
  o.created_at, o.updated_at`;

type Row = Omit<OrganizationView, 'created_at' | 'updated_at'> & {
  created_at: string | Date;
  updated_at: string | Date;
};

/** Normalises a row of `organizationColumns` (drivers differ in how they return times). */
export function toOrganizationView(row: Row): OrganizationView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    brand_color: row.brand_color,
    time_zone: row.time_zone,
    has_logo: row.has_logo,
    slug_aliases: row.slug_aliases,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

/** Reads one org through the caller's door; 404 when it does not exist or the caller cannot see it. */
export async function readOrganization(tx: Queryable, orgId: string): Promise<OrganizationView> {
  const [row] = await tx.query<Row>(`select ${organizationColumns} from public.organizations o where o.id = $1`, [
    orgId,
  ]);
  if (!row) throw notFound('Organization');
  return toOrganizationView(row);
}

/** The view plus the caller's role, as the org routes answer. */
export function withRole(org: OrganizationView, role: MemberRole | null) {
  return { ...org, role };
}

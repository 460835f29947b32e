import type { Queryable } from '../../db/types.ts';

/** A slug made from a name: ASCII letters and digits joined by dashes ("API – EU" → "api-eu"). */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return slug || 'service';
}

/**
 * A slug for a new service from its name, unique in the org: the plain slug, or the first free
 * `-2`, `-3`… (a racing insert still meets the unique constraint and answers 409).
 */
export async function freeSlugFor(tx: Queryable, orgId: string, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (
      await tx.query<{ slug: string }>(
        `select slug from public.services where org_id = $1 and (slug = $2 or slug like $3)`,
        [orgId, base, `${base.slice(0, 56)}-%`],
      )
    ).map((row) => row.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, 64 - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

import type { Context } from 'hono';
import type { AppEnv } from '../../http/app-env.ts';
import { notFound } from '../../errors.ts';
import { resolveSlug } from '../../public-snapshot/load.ts';
import { orgSlugPattern } from '../../contract/org-slug.ts';

/**
 * For a slug with no status page: a renamed org's old slug answers 308 to the same route under the
 * new slug (query kept, public headers already set); an unknown one answers 404.
 */
export async function redirectOrNotFound(c: Context<AppEnv>, slug: string, suffix: string): Promise<Response> {
  const current = orgSlugPattern.test(slug) ? await resolveSlug(c.get('deps').db, slug) : null;
  if (!current || current === slug) throw notFound('Status page');
  const search = new URL(c.req.url).search;
  c.header('Location', `/api/public/status/${current}${suffix}${search}`);
  c.header('Cache-Control', 'public, max-age=60');
  return c.body(null, 308);
}

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Env } from '../../env.ts';
import { slugPattern } from './slug.ts';

/**
 * Removes a deleted org's static pages: `$SITE_OUT_DIR/status/<slug>/` for its slug and each former
 * slug. Runs after the delete committed (a failed delete keeps its pages).
 * Hook point: when SITE_PUBLISH_COMMAND syncs the folder to object storage, the site renderer must
 * also publish the removal; call it from here once that module exists.
 */
export async function removeOrganizationPublicFiles(
  env: Pick<Env, 'SITE_OUT_DIR'>,
  slugs: readonly string[],
): Promise<void> {
  for (const slug of slugs) {
    // Slugs come from the database, which checks the same pattern; checked again because this is rm -r.
    if (!slugPattern.test(slug)) continue;
    await rm(join(env.SITE_OUT_DIR, 'status', slug), { recursive: true, force: true });
  }
}

// The bulk data loader both builds use: every org's page data, read with the renderer's own loader.
import { openDatabase } from '../../../../api/src/db/open.ts';
import { asSystem } from '../../../../api/src/db/doors.ts';
import { parseEnv } from '../../../../api/src/env.ts';
import { loadSiteData } from '../../../../api/src/static-site/load-site-data.ts';
import type { SiteOrgData } from '../../../../api/src/contract/site-locals.ts';

let all: Promise<SiteOrgData[]> | null = null;

/** Loads every org once per build (getStaticPaths of each route asks for it). */
export function loadAllOrgs(): Promise<SiteOrgData[]> {
  return (all ??= (async () => {
    const env = parseEnv({ ...process.env, LOG_LEVEL: 'silent' });
    const db = await openDatabase(env);
    try {
      const orgs = await asSystem(db, 'bench', (tx) =>
        tx.query<{ slug: string }>('select slug from public.organizations order by slug'),
      );
      const out: SiteOrgData[] = [];
      const now = new Date();
      for (const { slug } of orgs) {
        const loaded = await loadSiteData(db, slug, { now, apiBase: null });
        if (loaded) out.push(loaded.data);
      }
      return out;
    } finally {
      await db.close();
    }
  })());
}

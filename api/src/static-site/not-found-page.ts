import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AstroRenderer } from './astro-renderer.ts';

/** Writes `$SITE_OUT_DIR/404.html`, the page the API serves for unknown slugs (a static host can too). */
export async function writeNotFoundPage(astro: AstroRenderer, outDir: string): Promise<void> {
  const { html } = await astro.render('/404/', { org: null, page: { kind: 'not_found' }, root: './' });
  mkdirSync(outDir, { recursive: true });
  const tmp = join(outDir, `.tmp-404-${process.pid}`);
  writeFileSync(tmp, html);
  renameSync(tmp, join(outDir, '404.html'));
}

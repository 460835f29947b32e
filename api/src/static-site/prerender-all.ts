import type { SiteRenderer } from './site-renderer.ts';

/** Totals of a whole-site render. */
export interface PrerenderSummary {
  orgs: number;
  failed: { slug: string; error: string }[];
  htmlPages: number;
  files: number;
  written: number;
  seconds: number;
}

/**
 * Renders every org's folder, `concurrency` at a time, calling `onProgress` after each; a failing
 * org is recorded and the others go on (its last good files stay).
 */
export async function prerenderAll(
  renderer: Pick<SiteRenderer, 'listOrgs' | 'renderOrg' | 'writeNotFoundPage'>,
  {
    concurrency = 4,
    onProgress = () => {},
  }: { concurrency?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<PrerenderSummary> {
  const started = performance.now();
  await renderer.writeNotFoundPage();
  const orgs = await renderer.listOrgs();
  const summary: PrerenderSummary = { orgs: orgs.length, failed: [], htmlPages: 0, files: 0, written: 0, seconds: 0 };
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < orgs.length) {
      const org = orgs[next++]!;
      try {
        const result = await renderer.renderOrg(org.id);
        if (result) {
          summary.htmlPages += result.pages;
          summary.files += result.files;
          summary.written += result.written;
        }
      } catch (error) {
        summary.failed.push({ slug: org.slug, error: error instanceof Error ? error.message : String(error) });
      }
      onProgress(++done, orgs.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/** `[#########-----------]  45/100 orgs` for a terminal line. */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(done).padStart(String(total).length)}/${total} orgs`;
}

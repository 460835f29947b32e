import { open } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import type { Context, Handler } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../http/app-env.ts';
import { resolveSlug } from '../../public-snapshot/load.ts';
import { orgSlugPattern } from '../../contract/org-slug.ts';

const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
};

/** What other sites embed or fetch: badges, JSON, feeds (CORS * and cross-origin resource policy). */
const embeddable = new Set(['svg', 'json', 'atom', 'rss']);

// One path segment of an org folder: no dot files, no `..`, nothing a renderer would not write.
const SitePath = z.object({
  slug: z.string().regex(orgSlugPattern),
  rest: z.array(z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/)).max(6),
});

const fallback404 =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Status page not found</title><h1>Status page not found</h1></html>';

async function readIfFile(path: string): Promise<Buffer | null> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return null;
  try {
    return (await handle.stat()).isFile() ? await handle.readFile() : null;
  } finally {
    await handle.close();
  }
}

async function notFoundPage(c: Context<AppEnv>, siteDir: string): Promise<Response> {
  const page = (await readIfFile(join(siteDir, '404.html'))) ?? Buffer.from(fallback404);
  return c.body(new Uint8Array(page), 404, { 'Content-Type': contentTypes.html!, 'Cache-Control': 'no-cache' });
}

/**
 * GET /status/<slug>/... in the embedded default: the org folders of SITE_OUT_DIR, as any static
 * host would serve them. `/status/<slug>` answers 301 to `/status/<slug>/` so relative links hold; a
 * folder answers its index.html; an unknown slug the 404 page, or 301 to a renamed org's new slug.
 */
export function serveSiteFiles(): Handler<AppEnv> {
  return async (c) => {
    const siteDir = c.get('deps').env.SITE_OUT_DIR;
    const url = new URL(c.req.url);
    const segments = url.pathname.split('/').slice(2); // ['', 'status', slug, ...]
    const trailingSlash = url.pathname.endsWith('/');
    const parsed = SitePath.safeParse({
      slug: segments[0],
      rest: segments.slice(1).filter((s, i, all) => s !== '' || i < all.length - 1),
    });
    if (!parsed.success) return notFoundPage(c, siteDir);
    const { slug, rest } = parsed.data;
    const orgDir = join(siteDir, 'status', slug);
    const wanted = normalize(join(orgDir, ...rest));
    if (wanted !== orgDir && !wanted.startsWith(orgDir + sep)) return notFoundPage(c, siteDir);

    const last = rest[rest.length - 1] ?? '';
    const isFileName = /\.[a-z0-9]+$/.test(last);
    if (!isFileName && !trailingSlash) {
      // A folder without its slash: relative links would resolve one level too high.
      if (await readIfFile(join(wanted, 'index.html'))) return c.redirect(`${url.pathname}/${url.search}`, 301);
    }
    const file = isFileName ? wanted : join(wanted, 'index.html');
    const body = await readIfFile(file);
    if (!body) {
      const current = rest.length === 0 ? await resolveSlug(c.get('deps').db, slug) : null;
      if (current && current !== slug) return c.redirect(`/status/${current}/`, 301);
      return notFoundPage(c, siteDir);
    }
    const extension = file.slice(file.lastIndexOf('.') + 1);
    const headers: Record<string, string> = {
      'Content-Type': contentTypes[extension] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      // Any site may load a page's logo or stylesheet and frame the page itself (no X-Frame-Options).
      'Cross-Origin-Resource-Policy': 'cross-origin',
      // Pages and data change with every event; the stylesheet, script and logo rarely.
      'Cache-Control': ['css', 'js', 'png', 'jpg', 'webp'].includes(extension) ? 'public, max-age=300' : 'no-cache',
    };
    if (embeddable.has(extension)) {
      headers['Access-Control-Allow-Origin'] = '*';
    }
    return c.body(new Uint8Array(body), 200, headers);
  };
}

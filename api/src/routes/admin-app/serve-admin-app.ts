import { open } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Handler } from 'hono';
import type { AppEnv } from '../../http/app-env.ts';
import { notFound } from '../../errors.ts';

/** Where `npm start` and the tests build the admin SPA (admin/scripts/ensure-built.mjs). */
export const defaultAdminDistDir = fileURLToPath(new URL('../../../../admin/dist/', import.meta.url));

const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
  png: 'image/png',
  ico: 'image/x-icon',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
};

// Each segment a plain file name: no dot files, no `..`, no encoded separators (they are decoded
// before this check, so `%2e%2e` and `%2f` are refused too).
const safeSegment = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

// The SPA's own document: tokens travel in the query of mailed links, so no Referer may carry them;
// the admin is never framed (clickjacking); scripts only from this origin.
const documentHeaders = {
  'Content-Type': contentTypes.html!,
  'Cache-Control': 'no-cache',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
};

const missingBuild =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Lantern admin</title><h1>The admin app is not built</h1><p>Run <code>npm start</code> (or <code>node admin/scripts/ensure-built.mjs</code>) from the repository root.</p></html>';

async function readIfFile(path: string): Promise<Buffer | null> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return null;
  try {
    return (await handle.stat()).isFile() ? await handle.readFile() : null;
  } finally {
    await handle.close();
  }
}

/**
 * GET /admin/* in the embedded default: the built admin SPA. Files under `assets/` carry a content
 * hash in their name and are cached for a year; a missing asset is a 404 (never HTML in place of a
 * script). Any other path is one of the SPA's screens and answers its index.html, so a deep link
 * works on reload. Nothing outside `distDir` can be named.
 */
export function serveAdminApp({ distDir = defaultAdminDistDir }: { distDir?: string } = {}): Handler<AppEnv> {
  const root = normalize(distDir).replace(/[/\\]+$/, '');
  return async (c) => {
    let segments: string[];
    try {
      segments = new URL(c.req.url).pathname.split('/').slice(2).map(decodeURIComponent);
    } catch {
      segments = ['\0'];
    }
    const named = segments.filter((segment) => segment !== '');
    const safe = named.every((segment) => safeSegment.test(segment));
    if (safe && named[0] === 'assets' && named.length > 1) {
      const file = normalize(join(root, ...named));
      const body = file.startsWith(root + sep) ? await readIfFile(file) : null;
      if (!body) throw notFound('Asset');
      const extension = file.slice(file.lastIndexOf('.') + 1);
      return c.body(new Uint8Array(body), 200, {
        'Content-Type': contentTypes[extension] ?? 'application/octet-stream',
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'public, max-age=31536000, immutable',
      });
    }
    const index = await readIfFile(join(root, 'index.html'));
    if (!index) return c.body(missingBuild, 503, documentHeaders);
    return c.body(new Uint8Array(index), 200, documentHeaders);
  };
}

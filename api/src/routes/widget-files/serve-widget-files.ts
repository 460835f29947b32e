import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Handler } from 'hono';
import type { AppEnv } from '../../http/app-env.ts';

const widgetDir = fileURLToPath(new URL('../../../../widget/', import.meta.url));
const distDir = join(widgetDir, 'dist');

const contentTypes: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  html: 'text/html; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

/** The files a build publishes (meta.json and manifest.json are the build's own notes, not served). */
const servedName = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(?:js|html|txt)$/;

/** Short enough that a new release reaches every embedding page within minutes. */
export const stableCacheControl = 'public, max-age=300';
export const immutableCacheControl = 'public, max-age=31536000, immutable';

interface Published {
  /** File name → bytes and the Cache-Control it is served with; nothing outside this map is served. */
  files: Map<string, { body: Uint8Array; cacheControl: string }>;
}

let published: Promise<Published> | null = null;

/** Builds the widget if needed (a fresh clone), then reads every published file into memory once. */
async function loadPublished(): Promise<Published> {
  const builder = (await import(pathToFileURL(join(widgetDir, 'scripts', 'ensure-built.ts')).href)) as {
    ensureWidgetBuilt(): Promise<boolean>;
  };
  await builder.ensureWidgetBuilt();
  const manifest = JSON.parse(await readFile(join(distDir, 'manifest.json'), 'utf8')) as { hashed: string[] };
  const hashed = new Set(manifest.hashed);
  const files: Published['files'] = new Map();
  for (const name of await readdir(distDir)) {
    if (!servedName.test(name)) continue;
    const immutable = hashed.has(name) || hashed.has(name.replace(/\.LEGAL\.txt$/, ''));
    files.set(name, {
      body: new Uint8Array(await readFile(join(distDir, name))),
      cacheControl: immutable ? immutableCacheControl : name.endsWith('.html') ? 'no-cache' : stableCacheControl,
    });
  }
  return { files };
}

/** Forgets the files read so far (tests rebuild the widget). */
export function reloadWidgetFiles(): void {
  published = null;
}

/**
 * GET /widget/<file>: the `<status-badge>` script (`status-badge.js`, short cache), its
 * content-hashed copy and lazy chunks (cached for a year, immutable), their license notes and the
 * demo page. Scripts are embedded by other sites: CORS `*` and a cross-origin resource policy. Only
 * names the build published are answered (from memory), so no path can reach another file.
 */
export function serveWidgetFiles(): Handler<AppEnv> {
  return async (c) => {
    const name = c.req.param('file') ?? '';
    const { files } = await (published ??= loadPublished().catch((error: unknown) => {
      published = null; // a failed build is retried on the next request
      throw error;
    }));
    const file = servedName.test(name) ? files.get(name) : undefined;
    if (!file) {
      return c.text('Not found', 404, { 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
    }
    const extension = name.slice(name.lastIndexOf('.') + 1);
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': contentTypes[extension]!,
      'Cache-Control': file.cacheControl,
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'X-Content-Type-Options': 'nosniff',
    });
  };
}

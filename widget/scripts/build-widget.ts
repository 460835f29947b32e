// Builds <status-badge> into widget/dist/: minified ESM with Lit bundled, content-hashed files
// (`status-badge-<hash>.js`, lazy chunks for the card, the toast and the polling fallback), a copy of
// the entry under the stable name `status-badge.js`, esbuild's metafile (`meta.json`, read by the
// budget test), `manifest.json` (what the API serves) and the demo page.
//   npx node widget/scripts/build-widget.ts
import { build, type Plugin } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const widgetDir = fileURLToPath(new URL('..', import.meta.url));
export const distDir = join(widgetDir, 'dist');

/** What the API needs to know about a build (written as dist/manifest.json). */
export interface WidgetManifest {
  /** The content-hashed entry, e.g. `status-badge-4F2K7QXM.js`. */
  entry: string;
  /** Every content-hashed file (entry and chunks). */
  hashed: string[];
}

/**
 * esbuild minifies code but leaves template literals alone: collapse the whitespace and comments of
 * our `css\`` blocks (they hold no `${}`) and the indentation of `html\`` templates (a run of
 * whitespace with a line break renders like one space, except in <pre>, which the badge never uses).
 */
const compactTemplates: Plugin = {
  name: 'compact-templates',
  setup(build) {
    build.onLoad({ filter: /widget\/src\/[^/]+\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8')
        .replace(/(css|\/\* css \*\/ )`([^`]*)`/g, (_, tag: string, body: string) => `${tag}\`${compactCss(body)}\``)
        .replace(/html`([^`]*)`/g, (_, body: string) => `html\`${body.replace(/\s*\n\s*/g, ' ')}\``);
      return { contents: source, loader: 'ts' };
    });
  },
};

function compactCss(body: string): string {
  return body
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{}:;,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}

/** Builds into a fresh folder beside dist/ and swaps it in, so a running server never sees half a build. */
export async function buildWidget(): Promise<WidgetManifest> {
  const outDir = `${distDir}.tmp-${process.pid}`;
  rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    entryPoints: [join(widgetDir, 'src', 'status-badge.ts')],
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    legalComments: 'external',
    metafile: true,
    plugins: [compactTemplates],
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((path) => basename(path));
  const entry = Object.entries(result.metafile.outputs).find(([, output]) =>
    output.entryPoint?.endsWith('status-badge.ts'),
  );
  if (!entry) throw new Error('esbuild produced no status-badge entry');
  const manifest: WidgetManifest = { entry: basename(entry[0]), hashed: outputs };
  copyFileSync(join(outDir, manifest.entry), join(outDir, 'status-badge.js'));
  copyFileSync(join(widgetDir, 'demo', 'demo.html'), join(outDir, 'demo.html'));
  writeFileSync(join(outDir, 'meta.json'), JSON.stringify(result.metafile, null, 1));
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 1));
  const old = `${distDir}.old-${process.pid}`;
  rmSync(old, { recursive: true, force: true });
  try {
    renameSync(distDir, old);
  } catch {
    // No previous build.
  }
  renameSync(outDir, distDir);
  rmSync(old, { recursive: true, force: true });
  return manifest;
}

/** The manifest of the current build, or null when there is none. */
export function readManifest(): WidgetManifest | null {
  try {
    return JSON.parse(readFileSync(join(distDir, 'manifest.json'), 'utf8')) as WidgetManifest;
  } catch {
    return null;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(widgetDir, { recursive: true });
  const manifest = await buildWidget();
  console.log(`Widget built: ${manifest.hashed.join(', ')}`);
}

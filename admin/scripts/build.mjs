// Builds the admin SPA into admin/dist: hashed ES modules under dist/assets/ (the first screen's code
// in the entry, later screens as lazy chunks) and dist/index.html naming them. Configuration (for a
// copy hosted elsewhere, see admin/README.md): ADMIN_API_BASE_URL (default: the page's own origin)
// and ADMIN_BASE_PATH (default /admin/).
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const adminDir = fileURLToPath(new URL('..', import.meta.url));
const distDir = `${adminDir}dist/`;
const basePath = (process.env.ADMIN_BASE_PATH ?? '/admin/').replace(/\/?$/, '/');
const apiBaseUrl = (process.env.ADMIN_API_BASE_URL ?? '').replace(/\/+$/, '');

rmSync(distDir, { recursive: true, force: true });
mkdirSync(distDir, { recursive: true });

const result = await build({
  absWorkingDir: adminDir,
  entryPoints: ['src/main.ts'],
  outdir: `${distDir}assets`,
  entryNames: '[name]-[hash]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

const outputs = Object.entries(result.metafile.outputs);
const [entryFile, entry] = outputs.find(([, output]) => output.entryPoint === 'src/main.ts');
const assetUrl = (file) => `${basePath}assets/${file.slice(file.lastIndexOf('/') + 1)}`;
// Chunks the entry imports statically load in parallel with it instead of after it.
const preloads = entry.imports
  .filter((imported) => imported.kind === 'import-statement')
  .map((imported) => `<link rel="modulepreload" href="${assetUrl(imported.path)}">`)
  .join('\n    ');
const escapeAttribute = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const html = readFileSync(`${adminDir}index.html`, 'utf8')
  .replaceAll('%ENTRY%', assetUrl(entryFile))
  .replace('%PRELOADS%', preloads)
  .replaceAll('%BASE_PATH%', escapeAttribute(basePath))
  .replaceAll('%API_BASE_URL%', escapeAttribute(apiBaseUrl));
writeFileSync(`${distDir}index.html`, html);

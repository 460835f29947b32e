// Bundles the page's live module (site/src/live/live.ts + the shared stream client) into
// dist/client/live.js; the renderer copies it into every org folder.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const siteDir = fileURLToPath(new URL('..', import.meta.url));

await build({
  entryPoints: [`${siteDir}src/live/live.ts`],
  outfile: `${siteDir}dist/client/live.js`,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});

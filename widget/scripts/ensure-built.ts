// Builds the widget (build-widget.ts) when widget/dist is missing or older than its sources; `npm
// start`, the API's /widget/ route and the browser tests call it, so a fresh clone needs no extra
// step. Concurrent callers (parallel test files) wait for one build instead of racing
// (scripts/build-stamp.mjs).
//   npx node widget/scripts/ensure-built.ts
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStamp, runBuildCommand } from '../../scripts/build-stamp.mjs';
import { buildWidget, distDir } from './build-widget.ts';

const widgetDir = fileURLToPath(new URL('..', import.meta.url));
const build = buildStamp({
  root: widgetDir,
  sources: ['src', 'demo', 'scripts/build-widget.ts', 'package.json', '../api/src/contract'],
  stamp: join(distDir, '.built'),
  lockDir: join(widgetDir, '.build-lock'),
});

/** True when widget/dist is missing or older than any source of the build. */
export const widgetBuildIsStale = (): boolean => build.isStale();

/** Builds the widget unless it is up to date; resolves to whether it built. */
export function ensureWidgetBuilt(): Promise<boolean> {
  return build.ensure(buildWidget);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runBuildCommand({ name: 'Widget', ensure: ensureWidgetBuilt, rerun: 'npm run widget:build' });
}

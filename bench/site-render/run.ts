// `npx node bench/site-render/run.ts [--orgs 1000] [--changes 200]`: commit → index.html latency and
// the prebuild comparison; prints the figures docs/benchmarks.md records. Uses DATABASE_URL when set
// (the prebuild's astro build then reads the same server), else embedded PGlite.
import { parseArgs } from 'node:util';
import { measureCommitToFile } from './latency.ts';
import { comparePrebuild } from './prebuild-compare.ts';

const { values } = parseArgs({
  options: { orgs: { type: 'string', default: '1000' }, changes: { type: 'string', default: '200' } },
});
const ms = (n: number) => `${n.toFixed(1)} ms`;

const latency = await measureCommitToFile(Number(values.changes));
console.log(
  `commit → index.html over ${values.changes} changes: p50 ${ms(latency.p50)}, p99 ${ms(latency.p99)}, max ${ms(latency.max)} (${latency.renders} renders)`,
);

const prebuild = await comparePrebuild(Number(values.orgs));
const { lantern, astroBuild } = prebuild;
console.log(`bulk data: ${prebuild.orgs} orgs × 20 services × 90 days, seeded in ${prebuild.seedSeconds.toFixed(1)} s`);
console.log(
  `lantern prebuild: ${lantern.seconds.toFixed(1)} s, ${lantern.orgsPerSecond.toFixed(1)} org folders/s, ` +
    `${lantern.htmlPages} HTML pages (${lantern.pagesPerSecond.toFixed(0)}/s), ${lantern.files} files in all`,
);
console.log(
  `astro build (static, same pages, same loader): ${astroBuild.seconds.toFixed(1)} s, ${astroBuild.htmlPages} HTML pages (${astroBuild.pagesPerSecond.toFixed(0)}/s)`,
);
console.log(`ratio (astro build time / lantern prebuild time): ${(astroBuild.seconds / lantern.seconds).toFixed(2)}×`);

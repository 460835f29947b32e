// `npm run site:prebuild`: renders every org's static folder into SITE_OUT_DIR, with a progress bar
// and a summary. On the embedded database, stop the server first (PGlite serves one process).
import { parseEnv, EnvError } from '../env.ts';
import { createLogger } from '../logger.ts';
import { openDatabase } from '../db/open.ts';
import { migrate } from '../db/migrate.ts';
import { systemClock } from '../clock.ts';
import { progressBar } from './prerender-all.ts';
import { prebuildSite } from './prebuild-site.ts';

async function main(): Promise<void> {
  const env = parseEnv();
  const log = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  const db = await openDatabase(env);
  try {
    await migrate(db);
    const tty = process.stderr.isTTY;
    let lastLine = 0;
    const summary = await prebuildSite({
      db,
      env,
      log,
      clock: systemClock,
      onProgress: (done, total) => {
        // On a terminal the bar redraws in place; in a log, one line per 10 %.
        if (tty) process.stderr.write(`\r${progressBar(done, total)}`);
        else if (done === total || done - lastLine >= Math.max(1, Math.floor(total / 10))) {
          lastLine = done;
          process.stderr.write(`${progressBar(done, total)}\n`);
        }
      },
    });
    if (tty) process.stderr.write('\n');
    console.log(
      `Rendered ${summary.orgs - summary.failed.length} of ${summary.orgs} orgs into ${env.SITE_OUT_DIR}/status/: ` +
        `${summary.htmlPages} HTML pages, ${summary.files} files (${summary.written} changed) in ${summary.seconds.toFixed(1)} s ` +
        `(${(summary.htmlPages / Math.max(summary.seconds, 0.001)).toFixed(0)} pages/s).`,
    );
    for (const failure of summary.failed) console.error(`  failed: ${failure.slug}: ${failure.error}`);
    process.exitCode = summary.failed.length ? 1 : 0;
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError || error instanceof Error ? error.message : error);
  process.exit(1);
});

// `npm run backup [-- <file.tar.gz>]`: a copy of the embedded database (PGlite's data folder dump,
// gzipped tar) of DATA_DIR. PGlite serves one process, so the API must be stopped first: the folder
// lock refuses while it runs. A PostgreSQL server is backed up with pg_dump (docs/reliability.md).
import { rename, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { openPglite } from './pglite.ts';
import { FolderLockedError } from './folder-lock.ts';

async function main(): Promise<number> {
  if (process.env.DATABASE_URL) {
    console.error('backup: DATABASE_URL names a PostgreSQL server; back it up with pg_dump (docs/reliability.md).');
    return 2;
  }
  const dataDir = resolve(process.env.DATA_DIR || './data');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = resolve(process.argv[2] ?? join(dataDir, 'backups', `lantern-${stamp}.tar.gz`));
  const db = await openPglite({ dataDir: join(dataDir, 'db') });
  try {
    const dump = await db.pglite.dumpDataDir('gzip');
    await mkdir(dirname(out), { recursive: true });
    // Written beside, then renamed: a backup file is whole or absent.
    await writeFile(`${out}.partial`, new Uint8Array(await dump.arrayBuffer()));
    await rename(`${out}.partial`, out);
  } finally {
    await db.close();
  }
  console.log(`backup: ${out}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`backup failed: ${error instanceof FolderLockedError ? error.message : String(error)}`);
    process.exit(1);
  },
);

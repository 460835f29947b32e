// `npm run restore -- <file.tar.gz>`: replaces DATA_DIR's embedded database by a backup, keeping the
// old folder beside it (db.before-restore-<time>). Refused while a process holds the folder. Every
// org's seq is then moved past any stream id handed out before (restore-epoch.ts).
import { readFile, rename, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openPglite } from './pglite.ts';
import { FolderLockedError, lockFolder } from './folder-lock.ts';
import { bumpSeqsAfterRestore } from './restore-epoch.ts';

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npm run restore -- <backup.tar.gz>');
    return 2;
  }
  if (process.env.DATABASE_URL) {
    console.error('restore: DATABASE_URL names a PostgreSQL server; restore it with pg_restore (docs/reliability.md).');
    return 2;
  }
  const dataDir = resolve(process.env.DATA_DIR || './data');
  const dbDir = join(dataDir, 'db');
  const staging = join(dataDir, 'db.restoring');
  const tar = await readFile(resolve(file));
  // Held until the swap: the API cannot start on the folder meanwhile, and a running one refuses us.
  const release = lockFolder(dbDir);
  try {
    await rm(staging, { recursive: true, force: true });
    const db = await openPglite({ dataDir: staging, loadDataDir: new Blob([tar]) });
    let orgs: number;
    try {
      orgs = await bumpSeqsAfterRestore(db);
    } finally {
      await db.close();
    }
    const aside = `${dbDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    if (existsSync(join(dbDir, 'PG_VERSION'))) await rename(dbDir, aside);
    else await rm(dbDir, { recursive: true, force: true });
    await rename(staging, dbDir);
    await rm(join(aside, 'lantern.lock'), { force: true });
    console.log(`restore: ${file} into ${dbDir} (${orgs} organizations' seqs moved ahead)`);
    if (existsSync(aside)) console.log(`restore: the previous database is kept in ${aside}`);
  } finally {
    // The lock file moved aside with the old folder; nothing of ours is left in the new one.
    release();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`restore failed: ${error instanceof FolderLockedError ? error.message : String(error)}`);
    process.exit(1);
  },
);

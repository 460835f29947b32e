import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

/** Thrown when another live process holds the data folder. */
export class FolderLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The data folder ${dir} is in use by process ${pid}. PGlite cannot share a folder between ` +
        `processes (it would corrupt it): stop that process, or set DATA_DIR to another folder.`,
    );
    this.name = 'FolderLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Folders this process holds: a lock file naming our own pid is ours only if we took it in this
// incarnation (in a container every start may be pid 1, and a crash leaves that lock behind).
const heldHere = new Set<string>();

/**
 * Takes an exclusive lock on `dir` for this process (PGlite does not lock its folder itself, and a
 * second opener corrupts it). A lock left by a dead process is taken over. Returns the release.
 */
export function lockFolder(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const lockPath = join(dir, 'lantern.lock');
  if (heldHere.has(lockPath)) throw new FolderLockedError(dir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(lockPath);
      return () => {
        heldHere.delete(lockPath);
        rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new FolderLockedError(dir, holder);
      }
      rmSync(lockPath, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${dir}`);
}

import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Creating a file costs far more than linking one (measured on the benchmark machine's ext4: ~0.4–0.7
// ms against 0.01 ms), and many files are the same in every org folder: the stylesheet, the live
// module, most badges. Those are written once into a content-addressed store beside the org folders
// and hard-linked into each. Nothing is ever modified in place (every write is a new file renamed
// over the old), so a shared inode never changes under another folder.

/** Files worth sharing: the same bytes recur across org folders. */
export const isShareable = (path: string) => /\.(svg|css|js)$/.test(path);

/** Where the shared copies live: `$SITE_OUT_DIR/.shared` (outside `status/`, so never served). */
export const sharedStoreOf = (statusDir: string) => join(statusDir, '..', '.shared');

function storeFile(store: string, hash: string, content: string | Uint8Array): string {
  const path = join(store, hash);
  mkdirSync(store, { recursive: true });
  // Through a temp name: another thread may link the same hash at the same moment.
  const tmp = join(store, `.tmp-${randomBytes(6).toString('hex')}`);
  writeFileSync(tmp, content);
  renameSync(tmp, path);
  return path;
}

/**
 * Makes `target` a new hard link to the shared copy of `content` (stored first when missing). False
 * when linking is not possible (another filesystem, no permission): the caller writes the file.
 */
export function linkShared(store: string, hash: string, content: string | Uint8Array, target: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      linkSync(join(store, hash), target);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' || attempt > 0) return false;
      storeFile(store, hash, content);
    }
  }
  return false;
}

/** Removes shared copies no org folder links to any more (link count 1); returns how many. */
export function pruneSharedFiles(store: string): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(store);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (name.startsWith('.tmp-')) continue;
    const path = join(store, name);
    try {
      if (statSync(path).nlink === 1) {
        rmSync(path, { force: true });
        removed++;
      }
    } catch {
      // gone meanwhile
    }
  }
  return removed;
}

import { open, stat } from 'node:fs/promises';

/** What an org's rendered index.html says about itself (data attributes on <html>). */
export interface RenderedState {
  seq: number;
  localDay: string;
  mtimeMs: number;
}

/** Reads the seq and local day an org folder was rendered at; null when there is no index.html. */
export async function readRenderedState(indexPath: string): Promise<RenderedState | null> {
  let handle;
  try {
    handle = await open(indexPath, 'r');
    const buffer = Buffer.alloc(2048);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8');
    const seq = /data-seq="(\d+)"/.exec(head)?.[1];
    const localDay = /data-local-day="([\d-]+)"/.exec(head)?.[1];
    if (seq === undefined || localDay === undefined) return null;
    return { seq: Number(seq), localDay, mtimeMs: (await handle.stat()).mtimeMs };
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}

/** The modification time of a file, 0 when it is missing. */
export async function mtimeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return 0;
  }
}

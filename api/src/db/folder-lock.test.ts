import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openPglite } from './pglite.ts';

const run = promisify(execFile);

/** Another Node process that tries to open the folder and reports how it went. */
async function openFromAnotherProcess(
  dataDir: string,
): Promise<{ opened: boolean; name?: string; message?: string; ms: number }> {
  const script = `
    const { openPglite } = await import(process.env.PGLITE_MODULE);
    const started = performance.now();
    try {
      const db = await openPglite({ dataDir: process.env.DATA_DIR });
      await db.close();
      console.log(JSON.stringify({ opened: true, ms: performance.now() - started }));
    } catch (error) {
      console.log(JSON.stringify({ opened: false, name: error.name, message: error.message, ms: performance.now() - started }));
    }`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, PGLITE_MODULE: new URL('./pglite.ts', import.meta.url).href, DATA_DIR: dataDir },
    timeout: 20_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = execFile(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

// PGlite does not lock its folder, and a second process on it corrupts it: we lock it ourselves.
describe('the PGlite data folder lock', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'lantern-lock-')), 'db');
  });
  afterEach(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

  it('refuses a second open of the same folder in the same process', async () => {
    const db = await openPglite({ dataDir });
    try {
      await expect(openPglite({ dataDir })).rejects.toThrow(/is in use by process/);
    } finally {
      await db.close();
    }
    const again = await openPglite({ dataDir });
    await again.close();
  });

  it('makes a second process fail fast with FolderLockedError naming the folder', async () => {
    const db = await openPglite({ dataDir });
    try {
      const second = await openFromAnotherProcess(dataDir);
      expect(second).toMatchObject({ opened: false, name: 'FolderLockedError' });
      expect(second.message).toContain(dataDir);
      expect(second.message).toContain(String(process.pid));
      expect(second.ms).toBeLessThan(1000); // refused before PGlite even starts
    } finally {
      await db.close();
    }
  });

  it('takes over a lock left by a process that is gone', async () => {
    const pid = await deadPid();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'lantern.lock'), String(pid));
    const db = await openPglite({ dataDir });
    expect(readFileSync(join(dataDir, 'lantern.lock'), 'utf8')).toBe(String(process.pid));
    await db.close();
    expect(existsSync(join(dataDir, 'lantern.lock'))).toBe(false);
  });

  it('opens again after close, with the data kept', async () => {
    const first = await openPglite({ dataDir });
    await first.query('create table kept (note text)');
    await first.query(`insert into kept values ('still here')`);
    await first.close();
    const again = await openPglite({ dataDir });
    try {
      expect(await again.query('select note from kept')).toEqual([{ note: 'still here' }]);
    } finally {
      await again.close();
    }
  });
});

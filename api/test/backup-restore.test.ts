import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreSeqJump } from '../src/db/restore-epoch.ts';
import { startProduct, type ProductProcess } from './product-process.ts';
import { createDemoService, signInDemo, setStatus, type DemoSession } from './demo-session.ts';
import { openSse } from './streams.ts';

const script = (name: string) => fileURLToPath(new URL(`../src/db/${name}.ts`, import.meta.url));

/** Runs `npm run backup` / `npm run restore`'s script; resolves with its exit code and output. */
function run(name: 'backup' | 'restore', args: string[], dataDir: string) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [script(name), ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

// The embedded database backed up and restored with the npm scripts, on the product as users run it.
describe('backup and restore of the embedded database', () => {
  let dataDir: string;
  let product: ProductProcess | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lantern-backup-'));
  });
  afterAll(async () => {
    await product?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = () => startProduct({ DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'fatal' });
  const services = async (url: string, session: DemoSession) =>
    (await (
      await fetch(`${url}/api/organizations/${session.orgId}/services`, {
        headers: { Authorization: `Bearer ${session.token}` },
      })
    ).json()) as { data: Record<string, unknown>[] };
  /** The org's newest event seq: the id a client following its stream holds now. */
  const latestSeq = async (url: string, session: DemoSession) =>
    Number(
      (
        (await (
          await fetch(`${url}/api/organizations/${session.orgId}/events?limit=1`, {
            headers: { Authorization: `Bearer ${session.token}` },
          })
        ).json()) as { data: { seq: number }[] }
      ).data[0]!.seq,
    );
  const orgStream = (url: string, session: DemoSession, lastEventId: number) =>
    openSse(`${url}/api/organizations/${session.orgId}/stream`, {
      Authorization: `Bearer ${session.token}`,
      'Last-Event-ID': String(lastEventId),
    });

  it('restores the same data, refuses while the API runs, and old stream ids get a snapshot', async () => {
    product = await start();
    let session = await signInDemo(product.url);
    const serviceId = await createDemoService(product.url, session, 'Backed up');
    expect((await setStatus(product.url, session, serviceId, { status: 'partial_outage', message: 'x' }))?.status).toBe(
      200,
    );
    const atBackup = await services(product.url, session);
    const idAtBackup = await latestSeq(product.url, session);

    // The backup needs the folder: refused while the API holds it, taken once it stopped.
    const refused = await run('backup', [join(dataDir, 'refused.tar.gz')], dataDir);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/in use by process \d+/);
    await product.stop();
    const file = join(dataDir, 'lantern.tar.gz');
    const backupStarted = performance.now();
    const backup = await run('backup', [file], dataDir);
    const backupMs = performance.now() - backupStarted;
    expect(backup).toMatchObject({ code: 0 });
    expect(existsSync(file)).toBe(true);

    // Life goes on after the backup: clients are handed ids past it.
    product = await start();
    session = await signInDemo(product.url);
    for (const status of ['major_outage', 'operational', 'degraded_performance'])
      expect((await setStatus(product.url, session, serviceId, { status, message: status }))?.status).toBe(200);
    const idAfterBackup = await latestSeq(product.url, session);
    expect(idAfterBackup).toBe(idAtBackup + 3);

    // Restore: refused while the API runs; then the same data as at the backup.
    const busy = await run('restore', [file], dataDir);
    expect(busy.code).toBe(1);
    expect(busy.out).toMatch(/in use by process \d+/);
    await product.stop();
    const restoreStarted = performance.now();
    const restored = await run('restore', [file], dataDir);
    const restoreMs = performance.now() - restoreStarted;
    expect(restored.code, restored.out).toBe(0);
    expect((await readdir(dataDir)).some((name) => name.startsWith('db.before-restore-'))).toBe(true);
    product = await start();
    session = await signInDemo(product.url);
    expect(await services(product.url, session)).toEqual(atBackup);

    // New writes after the restore. A client holding an id handed out after the backup would, without
    // the seq jump, be "up to date" with events it never saw (the same numbers, reused); with it, any
    // old id gets a fresh snapshot, never a replay of different events under the same numbers.
    for (const status of ['major_outage', 'operational', 'degraded_performance'])
      expect((await setStatus(product.url, session, serviceId, { status, message: `after ${status}` }))?.status).toBe(
        200,
      );
    const newest = await latestSeq(product.url, session);
    expect(newest).toBe(idAtBackup + restoreSeqJump + 3);
    for (const held of [idAfterBackup, idAtBackup]) {
      const resumed = await orgStream(product.url, session, held);
      const [first] = await resumed.until((events) => events.length > 0);
      resumed.close();
      expect(first!.event).toBe('snapshot');
      expect(Number(first!.id)).toBe(newest);
    }
    console.log(
      `[reliability] backup ${Math.round(backupMs)} ms, restore ${Math.round(restoreMs)} ms; ` +
        `ids ${idAtBackup} (at backup) and ${idAfterBackup} (after) answered with a snapshot`,
    );
  }, 360_000);
});

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const serveEntry = fileURLToPath(new URL('../src/serve.ts', import.meta.url));

interface Ended {
  code: number | null;
  stderr: string;
  lastLine: string;
}

/** Runs the product as `npm start` does (serve.ts) with `env`, until it exits by itself. */
function runServe(env: Record<string, string>): Promise<Ended> {
  const base = { ...process.env };
  // Each case sets the database it wants; the suite's own DATABASE_URL must not leak in.
  delete base.DATABASE_URL;
  const child = spawn(process.execPath, [serveEntry], {
    env: { ...base, HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED_DEMO: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  return new Promise((resolve) =>
    child.once('close', (code) => {
      const lines = stderr.trim().split('\n');
      resolve({ code, stderr, lastLine: lines.at(-1) ?? '' });
    }),
  );
}

function listenOn(port = 0): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const portOf = (server: Server) => (server.address() as { port: number }).port;

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = await listenOn();
  const port = portOf(server);
  await new Promise((done) => server.close(done));
  return port;
}

function expectOneClearLine(ended: Ended, pattern: RegExp): void {
  expect(ended.code).toBe(1);
  expect(ended.lastLine).toMatch(pattern);
  // A stack trace alone tells a new user nothing: no frame lines, no Node banner.
  expect(ended.stderr).not.toMatch(/^\s+at /m);
  expect(ended.stderr).not.toContain('Node.js v');
}

describe('a failed start ends with one clear line and a non-zero exit', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lantern-startup-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('names a bad configuration value', async () => {
    const ended = await runServe({ DATA_DIR: dataDir, PORT: 'eighty' });
    expectOneClearLine(ended, /PORT/);
  });

  it('names an unreachable database server without printing its password', async () => {
    const port = await closedPort();
    const ended = await runServe({
      DATA_DIR: dataDir,
      PORT: '0',
      DATABASE_URL: `postgres://lantern:hunter2@127.0.0.1:${port}/status`,
    });
    expectOneClearLine(ended, new RegExp(`Cannot connect to the PostgreSQL server at 127\\.0\\.0\\.1:${port}/status`));
    expect(ended.stderr).not.toContain('hunter2');
  });

  it('names the data folder another process holds', async () => {
    mkdirSync(join(dataDir, 'db'));
    // The lock names a live process (this test's own), as a second `npm start` would find it.
    writeFileSync(join(dataDir, 'db', 'lantern.lock'), String(process.pid));
    const ended = await runServe({ DATA_DIR: dataDir, PORT: '0' });
    expectOneClearLine(ended, /data folder .*db is in use by process \d+.*set DATA_DIR/);
  });

  it('names a port in use, how to choose another, and releases the data folder', async () => {
    const taken = await listenOn();
    try {
      const ended = await runServe({ DATA_DIR: dataDir, PORT: String(portOf(taken)) });
      expectOneClearLine(ended, new RegExp(`Port ${portOf(taken)} is already in use.*PORT=`));
      // The next `npm start` on this folder must not find it locked.
      expect(existsSync(join(dataDir, 'db', 'lantern.lock'))).toBe(false);
    } finally {
      await new Promise((done) => taken.close(done));
    }
  }, 60_000);
});

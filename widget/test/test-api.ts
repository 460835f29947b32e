// The real API server of the widget's browser tests, driven from Node (the test runner's commands):
// fresh storage per run (a PGlite DATA_DIR, or a new database on the PostgreSQL server of
// DATABASE_URL), start/stop/restart on the same port, and changes made as the demo admin through the
// HTTP API — exactly what an operator's change is. On a server, `startReplica()` runs a second API
// process on the same database.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPostgres } from '../../api/src/db/postgres.ts';

const entry = fileURLToPath(new URL('./api-server-entry.ts', import.meta.url));

/** One API process: its URL, requests as the demo admin, stop and start again on the same port. */
export interface ApiProcess {
  readonly url: string;
  /** Sends a JSON request as the demo admin; resolves to the answer's status and body. */
  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** Stops the process (SIGTERM; the badges' streams break). */
  stop(): Promise<void>;
  /** Starts it again on the same port and storage. */
  start(): Promise<void>;
}

export interface TestApi extends ApiProcess {
  /** A second API process on the same database (PostgreSQL only). */
  startReplica(): Promise<ApiProcess>;
  close(): Promise<void>;
}

type Storage = Record<string, string>;

function spawnApi(storage: Storage, port: number): Promise<{ child: ChildProcess; port: number }> {
  const { DATABASE_URL: _inherited, ...inherited } = process.env;
  const child = spawn(process.execPath, [entry], {
    env: {
      ...inherited,
      ...storage,
      PORT: String(port),
      STREAMS_PER_IP: '500',
      RATE_LIMIT_STREAM_CONNECTS_PER_MIN: '100000',
      RATE_LIMIT_PUBLIC_PER_MIN: '100000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`the test API exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/.exec(out);
      if (!match) return;
      child.removeAllListeners('exit');
      resolve({ child, port: Number(match[1]) });
    });
  });
}

async function startProcess(storage: Storage): Promise<ApiProcess> {
  const started = await spawnApi(storage, 0);
  const port = started.port;
  let child = started.child;
  const url = `http://127.0.0.1:${port}`;
  let token = '';
  const request: ApiProcess['request'] = async (method, path, body) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const login = await request('POST', '/api/auth/login', { email: 'admin@demo.test', password: 'lantern-demo' });
  token = (login.body as { data: { access_token: string } }).data.access_token;
  return {
    url,
    request,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
    async start() {
      ({ child } = await spawnApi(storage, port));
    },
  };
}

/** Starts the API on fresh storage (the demo org seeded): PGlite, or a new database on `databaseUrl`. */
export async function startTestApi({ databaseUrl }: { databaseUrl?: string } = {}): Promise<TestApi> {
  let storage: Storage;
  let drop: () => Promise<void>;
  if (databaseUrl) {
    const name = `lantern_widget_${randomBytes(4).toString('hex')}`;
    const admin = openPostgres({ url: databaseUrl, max: 1 });
    await admin.query(`create database ${name}`);
    await admin.close();
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'lantern-widget-test-'));
    storage = { DATABASE_URL: url.toString(), DATA_DIR: dataDir };
    drop = async () => {
      const cleanup = openPostgres({ url: databaseUrl, max: 1 });
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.close();
      rmSync(dataDir, { recursive: true, force: true });
    };
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'lantern-widget-test-'));
    storage = { DATA_DIR: dataDir };
    drop = async () => rmSync(dataDir, { recursive: true, force: true });
  }
  const main = await startProcess(storage);
  const replicas: ApiProcess[] = [];
  return {
    ...main,
    async startReplica() {
      if (!databaseUrl) throw new Error('a second API process needs a PostgreSQL server (PGlite is one process)');
      const dataDir = mkdtempSync(join(tmpdir(), 'lantern-widget-replica-'));
      const replica = await startProcess({ ...storage, DATA_DIR: dataDir });
      replicas.push({
        ...replica,
        stop: () => replica.stop().then(() => rmSync(dataDir, { recursive: true, force: true })),
      });
      return replica;
    },
    async close() {
      for (const replica of replicas) await replica.stop();
      await main.stop();
      await drop();
    },
  };
}

// The real API server of the widget's browser tests, driven from Node (the test runner's commands):
// a fresh DATA_DIR per run, start/stop/restart on the same port, and changes made as the demo admin
// through the HTTP API — exactly what an operator's change is.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./api-server-entry.ts', import.meta.url));

export interface TestApi {
  readonly url: string;
  /** Sends an authenticated JSON request as the demo admin; resolves to the answer's body. */
  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** Stops the process (the badges' streams break). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data folder. */
  start(): Promise<void>;
  close(): Promise<void>;
}

function spawnApi(dataDir: string, port: number): Promise<{ child: ChildProcess; port: number }> {
  // Always PGlite in its own folder, whatever database the surrounding run uses.
  const { DATABASE_URL: _server, ...inherited } = process.env;
  const child = spawn(process.execPath, [entry], {
    env: { ...inherited, DATA_DIR: dataDir, PORT: String(port), STREAMS_PER_IP: '500' },
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

/** Starts the API on a fresh database (the demo org seeded) and logs in as the demo admin. */
export async function startTestApi(): Promise<TestApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lantern-widget-test-'));
  const started = await spawnApi(dataDir, 0);
  const port = started.port;
  let child = started.child;
  const url = `http://127.0.0.1:${port}`;
  let token = '';
  const request: TestApi['request'] = async (method, path, body) => {
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
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return {
    url,
    request,
    stop,
    async start() {
      ({ child } = await spawnApi(dataDir, port));
    },
    async close() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

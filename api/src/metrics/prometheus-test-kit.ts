import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's Prometheus server (package `prometheus`, installed by scripts/check-system-deps.sh). */
export const prometheusPath = '/usr/bin/prometheus';

/** A free TCP port on 127.0.0.1 (bound once by the OS, then released for the caller). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A Prometheus of the test's own: its own port on 127.0.0.1 and its own data folder, never the system's. */
export interface TestPrometheus {
  url: string;
  /** GET on its HTTP API (`/api/v1/...`), parsed. */
  api<T>(path: string): Promise<T>;
  stop(): Promise<void>;
}

/** Starts Prometheus with `config` (YAML) and resolves once it answers `/-/ready`. */
export async function startPrometheus(config: string, readyTimeoutMs = 30_000): Promise<TestPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-prometheus-'));
  writeFileSync(join(dir, 'prometheus.yml'), config);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    prometheusPath,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await pollUntil(
      async () => (await fetch(`${url}/-/ready`).catch(() => null))?.ok === true,
      readyTimeoutMs,
      () => {
        if (child.exitCode !== null) throw new Error(`prometheus exited: ${log}`);
      },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    api: async <T>(path: string) => (await (await fetch(`${url}${path}`)).json()) as T,
    stop,
  };
}

/** Polls `condition` every 100 ms until it holds; `check` may throw to give up early. Bounded. */
export async function pollUntil(
  condition: () => Promise<boolean>,
  timeoutMs: number,
  check: () => void = () => {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    check();
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

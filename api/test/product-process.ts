import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const serveEntry = fileURLToPath(new URL('../src/serve.ts', import.meta.url));

/** The kernel's view of a process's memory, in bytes (`/proc/<pid>/status`). */
export interface ProcessMemory {
  /** Resident now (VmRSS). */
  rss: number;
  /** The highest resident size since the process started (VmHWM): the start-up peak. */
  peak: number;
}

/** The product as users start it (`api/src/serve.ts`), in a child process. */
export interface ProductProcess {
  url: string;
  child: ChildProcess;
  memory(): Promise<ProcessMemory>;
  /** Resolves once the sum of a metric's series on /metrics reaches `atLeast`. */
  metricReaches(name: string, atLeast: number, timeoutMs?: number): Promise<void>;
  /** Resolves once the site renderer has rendered at least `renders` folders and has nothing queued. */
  rendersSettled(renders?: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Reads VmRSS and VmHWM of `pid` (Linux). */
export async function processMemory(pid: number): Promise<ProcessMemory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** One value of a Prometheus text exposition (summed over its label sets). */
function metric(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n')) if (line.startsWith(name)) sum += Number(line.split(' ').at(-1));
  return sum;
}

/**
 * Starts `serve.ts` with `env` on a free port (stdout piped, so its banner tells the port) and
 * resolves once it listens. `/metrics` stays open (no METRICS_TOKEN) so callers can see renders.
 */
export function startProduct(env: Record<string, string>, execArgv: string[] = []): Promise<ProductProcess> {
  const child = spawn(process.execPath, [...execArgv, serveEntry], {
    // The embedded database unless the caller names a server: the suite's own DATABASE_URL (the
    // shared server's `test` database, which tests never touch) must not leak into the product.
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      METRICS_TOKEN: '',
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`serve.ts exited with ${code}:\n${out}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at http:\/\/localhost:(\d+)/.exec(out);
      if (!match) return;
      child.removeAllListeners('exit');
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      const url = `http://127.0.0.1:${match[1]}`;
      resolve({
        url,
        child,
        memory: () => processMemory(child.pid!),
        async metricReaches(name, atLeast, timeoutMs = 60_000) {
          for (const deadline = Date.now() + timeoutMs; ;) {
            const value = metric(await (await fetch(`${url}/metrics`)).text(), name);
            if (value >= atLeast) return;
            if (Date.now() > deadline) throw new Error(`${name} stayed at ${value} (< ${atLeast})`);
            await new Promise((r) => setTimeout(r, 100));
          }
        },
        async rendersSettled(renders = 1, timeoutMs = 60_000) {
          for (const deadline = Date.now() + timeoutMs; ;) {
            const text = await (await fetch(`${url}/metrics`)).text();
            const done = metric(text, 'lantern_site_renders_total');
            const queued = metric(text, 'lantern_site_render_queue_depth');
            if (done >= renders && queued === 0) return;
            if (Date.now() > deadline) throw new Error(`renders not settled: ${done} done, ${queued} queued`);
            await new Promise((r) => setTimeout(r, 100));
          }
        },
        stop,
      });
    });
  });
}

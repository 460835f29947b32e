import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';

/**
 * Benchmark of GET /api/public/status/:slug (warm) through the real app — `api/src/serve.ts`, the
 * production middleware stack on @hono/node-server, PGlite with the demo seed — beside a bare
 * node:http server returning the same bytes and headers. Both run as child processes; autocannon
 * runs here. Rounds alternate between the two so that noise from other work hits both alike.
 *
 *   npx node bench/public-api/run.ts            (env: BENCH_ROUNDS=5 BENCH_SECONDS=5 BENCH_CONNECTIONS=50 BENCH_PIPELINING=1)
 */
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const pipelining = Number(process.env.BENCH_PIPELINING ?? 1);
const appPort = 39_000 + Math.floor(Math.random() * 500);
const barePort = appPort + 500;
const root = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'lantern-bench-'));
const children: ChildProcess[] = [];

function start(args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  // Read (and drop) what the children print: an unread pipe fills up, and at LOG_LEVEL=info the app's
  // synchronous log writes would then block it.
  child.stdout!.resume();
  return child;
}

async function waitFor(url: string, timeoutMs = 120_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return res;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Result {
  rps: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function measure(url: string, duration: number): Promise<Result> {
  const result = await autocannon({ url, connections, pipelining, duration });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main(): Promise<void> {
  start(['api/src/serve.ts'], {
    NODE_ENV: 'production',
    PORT: String(appPort),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    DATABASE_URL: '',
    // Every request comes from 127.0.0.1, far past the per-IP default: raised explicitly, and any
    // 429 still fails the run (non-2xx below).
    RATE_LIMIT_PUBLIC_PER_MIN: '1000000000',
  });
  await waitFor(`http://127.0.0.1:${appPort}/api/health`);
  const appUrl = `http://127.0.0.1:${appPort}/api/public/status/demo`;
  const sample = await waitFor(appUrl);
  const body = Buffer.from(await sample.arrayBuffer());
  const headers: Record<string, string> = {};
  sample.headers.forEach((value, name) => {
    if (!['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name))
      headers[name] = value;
  });
  const bodyFile = join(dataDir, 'snapshot.json');
  writeFileSync(bodyFile, body);
  start(['bench/public-api/bare-server.ts', String(barePort), bodyFile, JSON.stringify(headers)]);
  const bareUrl = `http://127.0.0.1:${barePort}/`;
  await waitFor(bareUrl);

  console.log(
    `Node ${process.version}, ${cpus().length} CPUs; ${body.length} bytes per answer; ${rounds} rounds × ${seconds} s; ${connections} connections, pipelining ${pipelining}`,
  );
  // Warm-up: JIT, caches, connection pools.
  await measure(appUrl, 2);
  await measure(bareUrl, 2);
  const app: Result[] = [];
  const bare: Result[] = [];
  for (let round = 1; round <= rounds; round++) {
    const first = round % 2 ? 'app' : 'bare';
    for (const which of first === 'app' ? ['app', 'bare'] : ['bare', 'app']) {
      const result = await measure(which === 'app' ? appUrl : bareUrl, seconds);
      (which === 'app' ? app : bare).push(result);
      console.log(
        `round ${round} ${which.padEnd(4)} ${result.rps.toFixed(0).padStart(7)} req/s  p99 ${String(result.p99).padStart(4)} ms  errors ${result.errors} non-2xx ${result.non2xx}`,
      );
    }
  }
  const appRps = median(app.map((r) => r.rps));
  const bareRps = median(bare.map((r) => r.rps));
  console.log('\nmedian           req/s   p99 ms');
  console.log(`lantern app   ${appRps.toFixed(0).padStart(8)}   ${median(app.map((r) => r.p99))}`);
  console.log(`bare node:http${bareRps.toFixed(0).padStart(8)}   ${median(bare.map((r) => r.p99))}`);
  console.log(`ratio app/bare  ${(appRps / bareRps).toFixed(2)}   (goal ≥ 0.70)`);
  if ([...app, ...bare].some((r) => r.errors > 0 || r.non2xx > 0)) throw new Error('some requests failed');
}

function stopAll(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    stopAll();
    await new Promise((resolve) => setTimeout(resolve, 500));
    rmSync(dataDir, { recursive: true, force: true });
  });

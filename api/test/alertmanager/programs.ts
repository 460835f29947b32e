// Starts the real Prometheus and Alertmanager (Debian packages) for the end-to-end test: loopback
// ports, their own temp folders, no cluster listener; never touches a system service.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1 (taken and released at once). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A started program: its loopback URL, its output so far, and a stop that waits for its exit. */
export interface Program {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Polls `probe` until it is true or `timeoutMs` passes (for programs' readiness, over HTTP). */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function start(binary: string, args: string[], url: string, dir: string): Program {
  const child: ChildProcess = spawn(binary, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const ready = (url: string) => async () => (await fetch(`${url}/-/ready`)).ok;

/** Prometheus scraping `target` every second and evaluating `rules` (YAML) every second. */
export async function startPrometheus(opts: { target: string; alertmanager: string; rules: string }): Promise<Program> {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-prometheus-'));
  const port = await freePort();
  writeFileSync(join(dir, 'rules.yml'), opts.rules);
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global: { scrape_interval: 1s, evaluation_interval: 1s }
rule_files: [rules.yml]
alerting:
  alertmanagers: [{ static_configs: [{ targets: ['${opts.alertmanager}'] }] }]
scrape_configs:
  - job_name: test
    static_configs: [{ targets: ['${opts.target}'] }]
`,
  );
  const url = `http://127.0.0.1:${port}`;
  const program = start(
    '/usr/bin/prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    url,
    dir,
  );
  await waitFor('Prometheus', ready(url)).catch((error: Error) => {
    throw new Error(`${error.message}\n${program.output()}`);
  });
  return program;
}

/** Alertmanager routing everything to one webhook with short waits, sending resolves. */
export async function startAlertmanager(opts: { webhookUrl: string; credentials: string }): Promise<Program> {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-alertmanager-'));
  const port = await freePort();
  writeFileSync(
    join(dir, 'alertmanager.yml'),
    `route:
  receiver: lantern
  group_by: [alertname, service]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: lantern
    webhook_configs:
      - url: '${opts.webhookUrl}'
        send_resolved: true
        http_config:
          authorization:
            credentials: '${opts.credentials}'
`,
  );
  const url = `http://127.0.0.1:${port}`;
  const program = start(
    '/usr/bin/prometheus-alertmanager',
    [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    url,
    dir,
  );
  await waitFor('Alertmanager', ready(url)).catch((error: Error) => {
    throw new Error(`${error.message}\n${program.output()}`);
  });
  return program;
}

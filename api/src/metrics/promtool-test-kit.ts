import { spawn } from 'node:child_process';

/** Debian's promtool (package `prometheus`, installed by scripts/check-system-deps.sh). */
export const promtoolPath = '/usr/bin/promtool';

/** What `promtool check metrics` said of a body: its exit code (0: clean) and its findings. */
export async function promtoolCheckMetrics(body: string): Promise<{ code: number; output: string }> {
  const child = spawn(promtoolPath, ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
  child.stdin.end(body);
  return { code: await exited, output };
}

/** The metric names a Prometheus text body declares (its `# TYPE` lines). */
export function declaredMetricNames(body: string): Set<string> {
  return new Set([...body.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1]!));
}

/** One sample of a text body: its labels and value (label values here never hold quotes or commas). */
export interface ParsedSample {
  labels: Record<string, string>;
  value: number;
}

/** The samples of metric `name` in a Prometheus text body. */
export function samplesOf(body: string, name: string): ParsedSample[] {
  const samples: ParsedSample[] = [];
  for (const line of body.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]!] = pair[2]!;
    samples.push({ labels, value: Number(match[3]) });
  }
  return samples;
}

import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../index.ts';
import { buildOpenApiDocument } from './document.ts';

interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}
interface LintReport {
  totals: { errors: number; warnings: number };
  problems: Problem[];
}

const cli = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin/cli.js');

// Offline and quiet: no usage data sent, no update check (the CLI makes no other request for a
// self-contained document). Its own folder as cwd, so no stray redocly.yaml changes the rules.
const env = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
};

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'lantern-openapi-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

/** Runs `redocly lint --extends=recommended` on a document and returns its JSON report. */
async function lint(document: unknown, name: string): Promise<LintReport> {
  const file = join(folder, `${name}.json`);
  await writeFile(file, JSON.stringify(document, null, 2));
  const args = [cli, 'lint', '--extends=recommended', '--format=json', '--max-problems=1000', file];
  // The CLI exits 1 when it finds an error; the report on stdout says what either way.
  const stdout = await promisify(execFile)(process.execPath, args, { cwd: folder, env, timeout: 60_000 }).then(
    (result) => result.stdout,
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  return JSON.parse(stdout) as LintReport;
}

const summary = (report: LintReport) =>
  report.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);

describe('the OpenAPI document passes redocly lint (recommended rules)', () => {
  it('with zero errors and zero warnings for the whole route table', async () => {
    const report = await lint(buildOpenApiDocument(routeTable), 'openapi');
    expect(summary(report)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('and the lint bites: a planted broken document fails with the problems planted', async () => {
    const document = structuredClone(buildOpenApiDocument(routeTable)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    delete document.servers;
    delete document.info.license;
    const health = document.paths['/api/health'].get;
    delete health.operationId;
    for (const status of Object.keys(health.responses)) if (status.startsWith('4')) delete health.responses[status];
    const report = await lint(document, 'broken');
    expect(report.totals.errors).toBeGreaterThan(0);
    expect(report.problems.map((p) => p.ruleId).sort()).toEqual([
      'info-license',
      'no-empty-servers',
      'operation-4xx-response',
      'operation-operationId',
    ]);
  });
});

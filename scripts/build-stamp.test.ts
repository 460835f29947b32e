import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildStamp } from './build-stamp.mjs';
import { spawnSync } from 'node:child_process';

describe('buildStamp (the ensure-built scripts of site/, widget/ and admin/)', () => {
  let root: string;
  const at = (path: string, secondsAgo: number) => {
    const time = new Date(Date.now() - secondsAgo * 1000);
    utimesSync(path, time, time);
  };
  const spec = () => ({
    root,
    sources: ['src', 'package.json'],
    stamp: join(root, 'dist', '.built'),
    lockDir: join(root, '.build-lock'),
    pollMs: 5,
  });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'build-stamp-'));
    mkdirSync(join(root, 'src', 'deep'), { recursive: true });
    writeFileSync(join(root, 'src', 'deep', 'a.ts'), '');
    writeFileSync(join(root, 'package.json'), '{}');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds when there is no stamp, then not again until a source is newer than the build’s start', () => {
    const build = buildStamp(spec());
    let builds = 0;
    expect(build.isStale()).toBe(true);
    expect(build.ensureSync(() => builds++)).toBe(true);
    expect(build.ensureSync(() => builds++)).toBe(false);
    expect(builds).toBe(1);

    at(join(root, 'dist', '.built'), 60);
    at(join(root, 'src', 'deep', 'a.ts'), 120);
    at(join(root, 'src', 'deep'), 120);
    at(join(root, 'src'), 120);
    at(join(root, 'package.json'), 120);
    expect(build.isStale()).toBe(false);
    // A test file is no source of the build.
    writeFileSync(join(root, 'src', 'deep', 'a.test.ts'), '');
    at(join(root, 'src', 'deep'), 120);
    expect(build.isStale()).toBe(false);
    // A nested source edited after the build started is.
    at(join(root, 'src', 'deep', 'a.ts'), 30);
    expect(build.isStale()).toBe(true);
  });

  it('stamps the start time, so a source edited during the build makes the next call rebuild', () => {
    const build = buildStamp(spec());
    build.ensureSync(() => at(join(root, 'package.json'), -1));
    expect(build.isStale()).toBe(true);
  });

  it('runs one build for concurrent callers; the others wait for it and do not build', async () => {
    const build = buildStamp(spec());
    let builds = 0;
    let finish = () => {};
    const slow = () =>
      new Promise<void>((resolve) => {
        builds++;
        finish = resolve;
      });
    const first = build.ensure(slow);
    const second = build.ensure(slow);
    expect(existsSync(join(root, '.build-lock'))).toBe(true);
    finish();
    expect(await Promise.all([first, second])).toEqual([true, false]);
    expect(builds).toBe(1);
    expect(existsSync(join(root, '.build-lock'))).toBe(false);
  });

  it('a failed build leaves no stamp and no lock; a lock left by a crashed build is taken over', async () => {
    const build = buildStamp({ ...spec(), staleLockMs: 1_000 });
    expect(() =>
      build.ensureSync(() => {
        throw new Error('compile error');
      }),
    ).toThrow('compile error');
    expect(build.isStale()).toBe(true);
    expect(existsSync(join(root, '.build-lock'))).toBe(false);

    mkdirSync(join(root, '.build-lock'));
    at(join(root, '.build-lock'), 5);
    expect(await build.ensure(() => {})).toBe(true);
  });

  it('a failed build ends with one clear line and exit 1, never a stack trace alone (npm start)', () => {
    const module = new URL('./build-stamp.mjs', import.meta.url).href;
    const script = `
      import { execFileSync } from 'node:child_process';
      import { runBuildCommand } from '${module}';
      await runBuildCommand({
        name: 'Demo',
        ensure: () => { execFileSync(process.execPath, ['-e', 'console.error("src/x.ts:1 Unexpected token"); process.exit(3)'], { stdio: 'inherit' }); return true; },
        rerun: 'npm run demo:build',
      });`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toBe('src/x.ts:1 Unexpected token');
    expect(lines.at(-1)).toMatch(/^Demo did not build \(exit 3\)\. .*`npm run demo:build`/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});

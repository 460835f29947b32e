import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSiteWorld, createSiteWorld, type SiteWorld } from './test-kit.ts';
import { prebuildSite } from './prebuild-site.ts';

// The path `npm run site:prebuild` takes: data read here, pages rendered and written by worker threads.
describe('prebuildSite: every org through the worker pool', () => {
  let world: SiteWorld;
  const run = () =>
    prebuildSite({ db: world.t.db, env: world.t.env, log: world.t.deps.log, clock: world.t.clock, workers: 2 });
  const file = (slug: string, path: string) => join(world.siteDir, 'status', slug, path);

  beforeAll(async () => {
    world = await createSiteWorld();
    await world.renderer.stop(); // the prebuild alone writes from here on
  });
  afterAll(async () => {
    await closeSiteWorld(world);
  });

  it('renders every org with a summary; shared files are one copy linked into each folder', async () => {
    const summary = await run();
    expect(summary.failed).toEqual([]);
    expect(summary.orgs).toBe(2);
    expect(summary.htmlPages).toBe(4); // index and one history page per org
    expect(readFileSync(file(world.org.slug, 'index.html'), 'utf8')).toContain('Acme Cloud');
    expect(readFileSync(file(world.other.slug, 'index.html'), 'utf8')).toContain('Other API');
    const css = [world.org.slug, world.other.slug].map((slug) => statSync(file(slug, 'status.css')));
    expect(css[0]!.ino).toBe(css[1]!.ino);
    expect(css[0]!.nlink).toBe(3); // both folders and the shared copy
    expect(statSync(file(world.org.slug, 'index.html')).nlink).toBe(1);
  });

  it('a second run, with no hashes remembered, rewrites only what changed (compared with the disk)', async () => {
    world.t.clock.advance(60_000); // "last updated" moves, so the pages change
    const before = statSync(file(world.org.slug, 'api/v2/components.json')).mtimeMs;
    const summary = await run();
    expect(summary.failed).toEqual([]);
    expect(summary.written).toBeGreaterThan(0);
    expect(summary.written).toBeLessThan(summary.files);
    expect(statSync(file(world.org.slug, 'api/v2/components.json')).mtimeMs).toBe(before);
  });
});

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../test/service-helpers.ts';
import { addMember, createOrg, createService, createUser } from '../../test/fixtures.ts';
import { closeSiteWorld, createSiteWorld, eventually, testAstroRenderer, type SiteWorld } from './test-kit.ts';
import { createSiteRenderer } from './site-renderer.ts';

// One mechanism removes a deleted org's folders and publishes the removal: the site renderer, on the
// delete's notification (the delete route touches no files). These tests hold it to "exactly once".
describe("a deleted org's folders", () => {
  let world: SiteWorld;
  let publishLog: string;
  const published = () => (existsSync(publishLog) ? readFileSync(publishLog, 'utf8').trim().split('\n') : []);

  /** A fresh org with a public service, an admin token and its rendered folder. */
  async function renderedOrg(prefix: string) {
    const org = await createOrg(world.t.db, `${prefix}-${Math.random().toString(36).slice(2, 8)}`, 'Doomed Org');
    await createService(world.t.db, org.id, { slug: 'api', name: 'API' });
    const admin = await createUser(world.t.db);
    await addMember(world.t.db, org.id, admin.id, 'admin');
    const token = `Bearer ${await world.t.tokens.sign(admin.id, admin.email)}`;
    world.renderer.request(org.id);
    await eventually(async () => existsSync(join(world.siteDir, 'status', org.slug, 'index.html')));
    await world.renderer.idle();
    return { ...org, token };
  }

  const remove = (org: { id: string; slug: string; token: string }) =>
    send(world.t, 'DELETE', `/api/organizations/${org.id}?confirm=${org.slug}`, org.token);

  beforeAll(async () => {
    const dir = `/tmp/lantern-publish-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    mkdirSync(dir, { recursive: true });
    publishLog = join(dir, 'log');
    // Records, per run, whether the folder was there (a write) or not (a removal).
    const command = `p() { if [ -d "$1" ]; then echo "write $SITE_ORG_SLUG"; else echo "gone $SITE_ORG_SLUG"; fi >> ${publishLog}; }; p`;
    world = await createSiteWorld({ SITE_PUBLISH_COMMAND: command });
  });
  afterAll(async () => {
    await closeSiteWorld(world);
  });

  it('go once, current and former slug, each removal published once; other orgs stay', async () => {
    const org = await renderedOrg('doomed');
    const renamed = await send(world.t, 'PUT', `/api/organizations/${org.id}`, org.token, { slug: `${org.slug}-new` });
    expect(renamed.status).toBe(200);
    const slugs = [`${org.slug}-new`, org.slug];
    await eventually(async () => existsSync(join(world.siteDir, 'status', slugs[0]!, 'index.html')));
    await world.renderer.idle();

    expect((await remove({ ...org, slug: slugs[0]! })).status).toBe(204);
    await eventually(async () => slugs.every((s) => !existsSync(join(world.siteDir, 'status', s))));
    await world.renderer.idle();
    for (const slug of slugs) expect(published().filter((l) => l === `gone ${slug}`)).toHaveLength(1);
    expect(existsSync(join(world.siteDir, 'status', world.org.slug, 'index.html'))).toBe(true);
    expect(existsSync(join(world.siteDir, 'status', world.other.slug, 'index.html'))).toBe(true);
  });

  it('a render under way when the delete commits does not bring the folder back', async () => {
    const org = await renderedOrg('racing');
    const folder = join(world.siteDir, 'status', org.slug);
    // A render queued just before the delete: it reads the org, the delete commits, it writes.
    world.renderer.request(org.id);
    expect((await remove(org)).status).toBe(204);
    await eventually(async () => !existsSync(folder));
    await world.renderer.idle();
    expect(existsSync(folder)).toBe(false);
    expect(published().filter((l) => l === `gone ${org.slug}`)).toHaveLength(1);
    expect(published().filter((l) => l === `write ${org.slug}`).length).toBeLessThanOrEqual(2);
  });

  it('a new leader removes folders no org owns (deleted while no process led), and publishes it', async () => {
    const statusDir = join(world.siteDir, 'status');
    mkdirSync(join(statusDir, 'orphaned-org'), { recursive: true });
    writeFileSync(join(statusDir, 'orphaned-org', 'index.html'), '<h1>old</h1>');
    mkdirSync(join(statusDir, '.tmp-someone-writing'), { recursive: true });
    await world.renderer.stop();
    const next = createSiteRenderer({
      db: world.t.db,
      env: world.t.env,
      log: world.t.deps.log,
      clock: world.t.clock,
      renderer: await testAstroRenderer(),
    });
    try {
      await next.start();
      await next.idle();
      expect(existsSync(join(statusDir, 'orphaned-org'))).toBe(false);
      expect(published().filter((l) => l === 'gone orphaned-org')).toHaveLength(1);
      expect(existsSync(join(statusDir, '.tmp-someone-writing'))).toBe(true);
      expect(existsSync(join(statusDir, world.org.slug, 'index.html'))).toBe(true);
      expect(existsSync(join(statusDir, world.other.slug, 'index.html'))).toBe(true);
    } finally {
      await next.stop();
    }
  });
});

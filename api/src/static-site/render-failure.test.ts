import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { addMember, createOrg, createService, createUser } from '../../test/fixtures.ts';
import { authFor, send } from '../../test/service-helpers.ts';
import { createMetrics } from '../metrics/metrics.ts';
import { createSiteRenderer, type SiteRenderer } from './site-renderer.ts';
import { runOrgFolderJob } from './org-folder-job.ts';
import type { AstroRenderer } from './astro-renderer.ts';
import { eventually, testAstroRenderer } from './test-kit.ts';

// A page template that throws for one org (a bug its data triggers): the renderer is given the built
// site through its `runner` seam, with the one org's pages rendered by a template that throws. The
// rest is the product's own code: queue, failure count, metrics, logs, files on disk.
describe('site renderer: a template that throws for one org', () => {
  let t: TestContext;
  let renderer: SiteRenderer;
  const logLines: Record<string, unknown>[] = [];
  const metrics = createMetrics();
  const broken = { slug: '', armed: false };
  const orgs: { id: string; slug: string; serviceId: string; auth: string }[] = [];

  beforeAll(async () => {
    t = await createTestContext();
    for (const name of ['broken', 'healthy']) {
      const org = await createOrg(t.db, `${name}-${Math.random().toString(36).slice(2, 8)}`, `${name} org`);
      const service = await createService(t.db, org.id, { slug: 'api', name: 'API' });
      const admin = await createUser(t.db);
      await addMember(t.db, org.id, admin.id, 'admin');
      orgs.push({ id: org.id, slug: org.slug, serviceId: service.id, auth: await authFor(t, admin) });
    }
    broken.slug = orgs[0]!.slug;
    const astro = await testAstroRenderer();
    const throwing: AstroRenderer = {
      assets: astro.assets,
      render: async (path) => {
        throw new TypeError(`Cannot read properties of undefined (reading 'name') while rendering ${path}`);
      },
    };
    const log = pino(
      { level: 'info', base: undefined },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          logLines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
          done();
        },
      }),
    );
    renderer = createSiteRenderer({
      db: t.db,
      env: t.env,
      log,
      clock: t.clock,
      realtime: t.deps.realtime!,
      renderer: astro,
      runner: {
        run: (job) =>
          runOrgFolderJob(broken.armed && job.data.snapshot.organization.slug === broken.slug ? throwing : astro, job),
        close: async () => {},
      },
    });
    metrics.sources.siteRenderer = renderer;
    await renderer.start();
    await renderer.idle();
  });
  afterAll(async () => {
    await renderer?.stop();
    await t?.close();
  });

  const page = (slug: string) => join(t.env.SITE_OUT_DIR, 'status', slug, 'index.html');
  const setStatus = async (org: (typeof orgs)[number], status: string) => {
    const res = await send(t, 'POST', `/api/organizations/${org.id}/services/${org.serviceId}/status`, org.auth, {
      status,
    });
    expect(res.status).toBe(200);
  };
  const failures = async () =>
    Number(/^lantern_site_render_failures_total (\d+)/m.exec(await metrics.register.metrics())![1]);

  it('keeps the org’s last good files, renders the others, counts and logs the failure', async () => {
    const [bad, good] = orgs as [(typeof orgs)[number], (typeof orgs)[number]];
    const lastGood = await readFile(page(bad.slug), 'utf8');
    const lastGoodMtime = (await stat(page(bad.slug))).mtimeMs;
    expect(lastGood).toContain('data-service-status="operational"');
    expect(await failures()).toBe(0);

    broken.armed = true;
    await setStatus(bad, 'major_outage');
    await setStatus(good, 'major_outage');
    await eventually(async () =>
      (await readFile(page(good.slug), 'utf8')).includes('data-service-status="major_outage"'),
    );
    await eventually(async () => (await failures()) >= 1);
    await renderer.idle();

    // The broken org: the last good page, byte for byte, untouched on disk.
    expect(await readFile(page(bad.slug), 'utf8')).toBe(lastGood);
    expect((await stat(page(bad.slug))).mtimeMs).toBe(lastGoodMtime);
    // The failure is in the metrics and in one error log line naming the org.
    expect(renderer.stats().failures).toBeGreaterThanOrEqual(1);
    const line = logLines.find((l) => l.msg === 'site render failed; the last good files stay');
    expect(line).toMatchObject({ level: 50, orgId: bad.id });
    expect(JSON.stringify(line)).toContain('Cannot read properties of undefined');

    // Other orgs keep rendering while it is broken.
    await setStatus(good, 'operational');
    await eventually(async () =>
      (await readFile(page(good.slug), 'utf8')).includes('data-service-status="operational"'),
    );

    // Fixed (a new build): its next event renders it again.
    broken.armed = false;
    await setStatus(bad, 'partial_outage');
    await eventually(async () =>
      (await readFile(page(bad.slug), 'utf8')).includes('data-service-status="partial_outage"'),
    );
  }, 60_000);
});

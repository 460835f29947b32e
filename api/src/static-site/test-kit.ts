/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked by value */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { addMember, createOrg, createService, createUser } from '../../test/fixtures.ts';
import { authFor, send } from '../../test/service-helpers.ts';
import { asSystem } from '../db/doors.ts';
import { seedDemo } from '../db/seed.ts';
import { createSiteRenderer, type SiteRenderer } from './site-renderer.ts';
import { loadAstroRenderer, type AstroRenderer } from './astro-renderer.ts';

/** Text meant to break out of HTML, attributes, XML or the layout. */
export const hostile = {
  name: '<script>alert(1)</script>"><img src=x onerror=alert(2)> שלום 🚀',
  long: `${'Averyveryverylongwordwithoutanyspaces'.repeat(12)} <b>bold?</b> & "quotes" مرحبا`,
};

let astro: Promise<AstroRenderer> | null = null;

/** The built site, shared by the tests of one file (built first when stale). */
export function testAstroRenderer(): Promise<AstroRenderer> {
  return (astro ??= loadAstroRenderer());
}

export interface SiteWorld {
  t: TestContext;
  renderer: SiteRenderer;
  auth: string;
  org: { id: string; slug: string };
  services: { id: string; slug: string }[];
  other: { id: string; slug: string };
  siteDir: string;
  readPage(slug: string, path?: string): Promise<string>;
  setStatus(serviceId: string, status: string): Promise<void>;
  /** Sets a service's status in any org, as a fresh admin of it. */
  setStatusIn(orgId: string, serviceId: string, status: string): Promise<void>;
}

/**
 * A test app with the site renderer started (leader, fed by the app's realtime reader), an org with
 * an admin, two public services and a private one, and a second org to prove isolation.
 */
export async function createSiteWorld(
  envOverrides: Record<string, string> = {},
  { demo = false }: { demo?: boolean } = {},
): Promise<SiteWorld> {
  const t = await createTestContext(envOverrides);
  // The demo org loads only into an empty database, so it comes first.
  if (demo) await seedDemo(t.db);
  const admin = await createUser(t.db);
  const org = await createOrg(t.db, `site-${Math.random().toString(36).slice(2, 8)}`, 'Acme Cloud');
  await addMember(t.db, org.id, admin.id, 'admin');
  const services = [
    await createService(t.db, org.id, { slug: 'api', name: 'API' }),
    await createService(t.db, org.id, { slug: 'web', name: 'Website' }),
  ];
  await createService(t.db, org.id, { slug: 'secret-db', name: 'Secret internal database', is_public: false });
  const other = await createOrg(t.db, `other-${Math.random().toString(36).slice(2, 8)}`, 'Other Org');
  await createService(t.db, other.id, { slug: 'api', name: 'Other API' });
  const renderer = createSiteRenderer({
    db: t.db,
    env: t.env,
    log: t.deps.log,
    clock: t.clock,
    realtime: t.deps.realtime!,
    renderer: await testAstroRenderer(),
  });
  await renderer.start();
  await renderer.idle();
  const auth = await authFor(t, admin);
  const siteDir = t.env.SITE_OUT_DIR;
  return {
    t,
    renderer,
    auth,
    org,
    services,
    other,
    siteDir,
    readPage: (slug, path = 'index.html') => readFile(join(siteDir, 'status', slug, path), 'utf8'),
    async setStatusIn(orgId, serviceId, status) {
      const user = await createUser(t.db);
      await addMember(t.db, orgId, user.id, 'admin');
      const res = await send(
        t,
        'POST',
        `/api/organizations/${orgId}/services/${serviceId}/status`,
        await authFor(t, user),
        { status },
      );
      if (res.status !== 200) throw new Error(`set status answered ${res.status}: ${JSON.stringify(res.body)}`);
    },
    async setStatus(serviceId, status) {
      const res = await send(t, 'POST', `/api/organizations/${org.id}/services/${serviceId}/status`, auth, { status });
      if (res.status !== 200) throw new Error(`set status answered ${res.status}: ${JSON.stringify(res.body)}`);
    },
  };
}

/** Waits (bounded, polling) until `check` resolves truthy; the last error explains a timeout. */
export async function eventually<T>(
  check: () => Promise<T | false | null | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Renames an org through the API. */
export async function renameOrg(world: SiteWorld, slug: string): Promise<any> {
  return send(world.t, 'PUT', `/api/organizations/${world.org.id}`, world.auth, { slug });
}

/** Stops the renderer and the app. */
export async function closeSiteWorld(world: SiteWorld): Promise<void> {
  await world.renderer.stop();
  await world.t.close();
}

/** Runs SQL as the system (fixtures the API has no route for, e.g. backdated history). */
export function systemSql(world: SiteWorld, sql: string, params: unknown[] = []) {
  return asSystem(world.t.db, 'test', (tx) => tx.query(sql, params));
}

import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../test/service-helpers.ts';
import { closeSiteWorld, createSiteWorld, eventually, renameOrg, type SiteWorld } from './test-kit.ts';

describe('site renderer: events to files on disk', () => {
  let world: SiteWorld;
  beforeAll(async () => {
    world = await createSiteWorld();
  });
  afterAll(async () => {
    await closeSiteWorld(world);
  });

  it('renders every org on taking the lead, public data only', async () => {
    const index = await world.readPage(world.org.slug);
    expect(index).toContain('Acme Cloud');
    expect(index).toContain('Website');
    expect(index).not.toContain('Secret internal database');
    expect(await world.readPage(world.other.slug)).toContain('Other API');
    expect(existsSync(join(world.siteDir, '404.html'))).toBe(true);
  });

  it('a status change through the API appears in index.html; other orgs are untouched', async () => {
    const otherIndex = join(world.siteDir, 'status', world.other.slug, 'index.html');
    const before = { bytes: await readFile(otherIndex, 'utf8'), mtime: (await stat(otherIndex)).mtimeMs };
    await world.setStatus(world.services[0]!.id, 'major_outage');
    const index = await eventually(async () => {
      const html = await world.readPage(world.org.slug);
      return html.includes('data-service-status="major_outage"') && html;
    });
    expect(index).toContain('Major System Outage');
    // Each file is replaced atomically, one after another: the render is whole once the renderer is idle.
    await world.renderer.idle();
    expect(JSON.parse(await world.readPage(world.org.slug, 'api/v2/status.json')).status.indicator).toBe('critical');
    expect(await readFile(otherIndex, 'utf8')).toBe(before.bytes);
    expect((await stat(otherIndex)).mtimeMs).toBe(before.mtime);
  });

  it('a burst of 50 changes costs far fewer renders than changes', async () => {
    await world.renderer.idle();
    const before = world.renderer.stats().renders;
    const statuses = ['degraded_performance', 'partial_outage'] as const;
    await Promise.all(Array.from({ length: 50 }, (_, i) => world.setStatus(world.services[1]!.id, statuses[i % 2]!)));
    await world.setStatus(world.services[1]!.id, 'operational');
    await eventually(
      async () => (await world.readPage(world.org.slug)).match(/data-service-status="operational"/g)?.length === 1,
    );
    await world.renderer.idle();
    const renders = world.renderer.stats().renders - before;
    // Coalescing: a render runs, everything arriving meanwhile is one more render.
    expect(renders).toBeGreaterThanOrEqual(1);
    expect(renders).toBeLessThan(20);
  });

  it('re-renders an org at its local midnight', async () => {
    await world.renderer.idle();
    const before = world.renderer.stats().renders;
    const day = /data-local-day="([\d-]+)"/.exec(await world.readPage(world.org.slug))![1];
    world.t.clock.advance(24 * 3600_000);
    world.renderer.checkMidnight();
    await world.renderer.idle();
    expect(world.renderer.stats().renders).toBeGreaterThan(before);
    const after = /data-local-day="([\d-]+)"/.exec(await world.readPage(world.org.slug))![1];
    expect(after).not.toBe(day);
  });

  it('serves the folder at /status/<slug>/: 301 without the slash, CORS on badges and JSON, 404 page', async () => {
    const { app } = world.t;
    const bare = await app.request(`/status/${world.org.slug}`);
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe(`/status/${world.org.slug}/`);
    const page = await app.request(`/status/${world.org.slug}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    // Customers frame their status page and load it cross-origin: the management API's headers stay off it.
    expect(page.headers.get('x-frame-options')).toBeNull();
    expect(page.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const history = await app.request(`/status/${world.org.slug}/history`);
    expect(history.status).toBe(301);
    for (const path of ['badge.svg', 'services/api/badge.svg', 'status.json', 'api/v2/summary.json']) {
      const res = await app.request(`/status/${world.org.slug}/${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    }
    const unknown = await app.request('/status/no-such-org/');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Status page not found');
    for (const bad of [
      '/status/../etc/passwd',
      `/status/${world.org.slug}/..%2f..%2fsecret`,
      `/status/${world.org.slug}/.hidden`,
    ]) {
      expect((await app.request(bad)).status, bad).toBe(404);
    }
  });

  it('a renamed org leaves redirect pages at its old slug', async () => {
    const oldSlug = world.org.slug;
    const newSlug = `${oldSlug}-new`;
    const res = await renameOrg(world, newSlug);
    expect(res.status).toBe(200);
    world.org = { ...world.org, slug: newSlug };
    await eventually(async () => existsSync(join(world.siteDir, 'status', newSlug, 'index.html')));
    const redirect = await eventually(async () => {
      const html = await world.readPage(oldSlug);
      return html.includes('http-equiv="refresh"') && html;
    });
    expect(redirect).toContain(`url=../${newSlug}/`);
    await world.renderer.idle();
    expect(await world.readPage(oldSlug, 'history/index.html')).toContain(`url=../../${newSlug}/history/`);
    expect(existsSync(join(world.siteDir, 'status', oldSlug, 'status.json'))).toBe(false);
  });

  it('deleting an org removes its folder', async () => {
    const folder = join(world.siteDir, 'status', world.other.slug);
    expect(existsSync(folder)).toBe(true);
    const { createUser, addMember } = await import('../../test/fixtures.ts');
    const admin = await createUser(world.t.db);
    await addMember(world.t.db, world.other.id, admin.id, 'admin');
    const token = `Bearer ${await world.t.tokens.sign(admin.id, admin.email)}`;
    const res = await send(
      world.t,
      'DELETE',
      `/api/organizations/${world.other.id}?confirm=${world.other.slug}`,
      token,
    );
    expect(res.status).toBe(204);
    // The renderer removes it on the delete's notification (org-delete.test.ts has the details).
    await eventually(async () => !existsSync(folder));
  });
});

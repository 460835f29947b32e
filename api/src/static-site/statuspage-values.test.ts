/* eslint-disable @typescript-eslint/no-explicit-any -- file contents are checked by value */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../test/service-helpers.ts';
import { closeSiteWorld, createSiteWorld, type SiteWorld } from './test-kit.ts';

// Statuspage's documented value sets (its API v2 reference, mirrored by the statuspage.io client's
// typings): the page indicator and a maintenance's status. Our own values outside them must not leak.
const indicators = ['none', 'minor', 'major', 'critical'];
const maintenanceStatuses = ['scheduled', 'in_progress', 'verifying', 'completed'];
const maintenanceFiles = [
  'scheduled-maintenances.json',
  'scheduled-maintenances/upcoming.json',
  'scheduled-maintenances/active.json',
];

describe('api/v2 files: Statuspage values and shortlinks', () => {
  let world: SiteWorld;
  const ids: Record<'active' | 'cancelled' | 'upcoming' | 'incident', string> = {} as never;
  const v2 = async (path: string) => JSON.parse(await world.readPage(world.org.slug, `api/v2/${path}`));

  async function maintenance(title: string, serviceId: string) {
    const now = world.t.clock.now().getTime();
    const res = await send(world.t, 'POST', `/api/organizations/${world.org.id}/maintenances`, world.auth, {
      title,
      starts_at: new Date(now + 86400_000).toISOString(),
      ends_at: new Date(now + 90000_000).toISOString(),
      service_ids: [serviceId],
      message: `${title}: planned`,
    });
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  }
  const move = async (id: string, status: string) => {
    const path = `/api/organizations/${world.org.id}/maintenances/${id}`;
    const res = await send(world.t, 'PUT', path, world.auth, { status, message: `now ${status}` });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    world = await createSiteWorld();
    const [api, web] = world.services;
    ids.active = await maintenance('Rolling restart', api!.id);
    await move(ids.active, 'in_progress');
    ids.cancelled = await maintenance('Called off', web!.id);
    await move(ids.cancelled, 'cancelled');
    ids.upcoming = await maintenance('Database upgrade', web!.id);
    await world.renderer.idle();
    await world.renderer.renderOrg(world.org.id);
  });
  afterAll(async () => {
    await closeSiteWorld(world);
  });

  it('a page under maintenance: ours says maintenance, the Statuspage files say none', async () => {
    const ours = JSON.parse(await world.readPage(world.org.slug, 'status.json'));
    expect(ours.data.status.indicator).toBe('maintenance');
    const summary = await v2('summary.json');
    const status = await v2('status.json');
    expect(summary.status).toEqual({ ...ours.data.status, indicator: 'none' });
    expect(status.status).toEqual(summary.status);
    expect(summary.components.find((c: any) => c.id === world.services[0]!.id).status).toBe('under_maintenance');
  });

  it('a cancelled maintenance is in no list; the others are, each with a documented status', async () => {
    const listed = async (path: string) => (await v2(path)).scheduled_maintenances as any[];
    expect((await listed('scheduled-maintenances.json')).map((m) => m.id).sort()).toEqual(
      [ids.active, ids.upcoming].sort(),
    );
    expect((await listed('scheduled-maintenances/active.json')).map((m) => m.id)).toEqual([ids.active]);
    expect((await listed('scheduled-maintenances/upcoming.json')).map((m) => m.id)).toEqual([ids.upcoming]);
    expect((await v2('summary.json')).scheduled_maintenances.map((m: any) => m.id).sort()).toEqual(
      [ids.active, ids.upcoming].sort(),
    );
    for (const path of [...maintenanceFiles, 'summary.json']) {
      for (const m of await listed(path)) {
        expect(maintenanceStatuses, path).toContain(m.status);
        expect(m.impact).toBe('maintenance');
      }
    }
    for (const path of ['summary.json', 'status.json']) expect(indicators).toContain((await v2(path)).status.indicator);
  });

  it('every shortlink points at a page that exists in the org folder', async () => {
    const incident = await send(world.t, 'POST', `/api/organizations/${world.org.id}/incidents`, world.auth, {
      title: 'Slow logins',
      impact: 'minor',
      services: [{ service_id: world.services[1]!.id, status: 'degraded_performance' }],
      message: 'Looking into it',
    });
    expect(incident.status).toBe(201);
    await world.renderer.idle();
    await world.renderer.renderOrg(world.org.id);
    const folder = join(world.siteDir, 'status', world.org.slug);
    const prefix = `/status/${world.org.slug}/`; // no PUBLIC_BASE_URL: the product path
    const links: string[] = [];
    for (const path of ['summary.json', 'incidents.json', 'incidents/unresolved.json', ...maintenanceFiles]) {
      const file = await v2(path);
      for (const item of [...(file.incidents ?? []), ...(file.scheduled_maintenances ?? [])])
        links.push(item.shortlink);
    }
    expect(links.length).toBeGreaterThanOrEqual(4);
    for (const link of links) {
      expect(link.startsWith(prefix), link).toBe(true);
      expect(existsSync(join(folder, link.slice(prefix.length), 'index.html')), link).toBe(true);
    }
    expect(links.some((l) => l.endsWith(`maintenances/${ids.active}`))).toBe(true);
    expect(links.some((l) => l.endsWith(`incidents/${incident.body.data.id}`))).toBe(true);
  });

  it("a maintenance's page has its whole timeline; the index links to it", async () => {
    const html = await world.readPage(world.org.slug, `maintenances/${ids.active}/index.html`);
    expect(html).toContain('Rolling restart');
    expect(html).toContain('Rolling restart: planned');
    expect(html).toContain('now in_progress');
    expect(html).toContain('href="../../"');
    const index = await world.readPage(world.org.slug);
    expect(index).toContain(`href="./maintenances/${ids.active}/"`);
    expect(index).toContain(`href="./maintenances/${ids.upcoming}/"`);
  });
});

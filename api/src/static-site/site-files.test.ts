/* eslint-disable @typescript-eslint/no-explicit-any -- file contents are checked by value */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../test/service-helpers.ts';
import {
  statuspageComponentKeys,
  statuspageComponentStatuses,
  statuspageIncidentKeys,
  statuspagePageKeys,
  statuspageUpdateKeys,
} from '../../test/statuspage-shapes.ts';
import { closeSiteWorld, createSiteWorld, hostile, type SiteWorld } from './test-kit.ts';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

/** Parses XML after checking it is well-formed (the validator names the first error). */
function parseXml(text: string): any {
  const valid = XMLValidator.validate(text);
  expect(valid, JSON.stringify(valid)).toBe(true);
  return parser.parse(text);
}

const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const pageKeys = statuspagePageKeys;
const componentKeys = statuspageComponentKeys;
const componentStatuses = statuspageComponentStatuses;
const incidentKeys = statuspageIncidentKeys;
const updateKeys = statuspageUpdateKeys;

function expectPage(page: any, orgId: string) {
  expect(Object.keys(page).sort()).toEqual([...pageKeys].sort());
  expect(page.id).toBe(orgId);
  expect(page.updated_at).toMatch(isoUtc);
}

function expectComponent(c: any) {
  for (const key of componentKeys) expect(c, key).toHaveProperty(key);
  expect(c.id).toMatch(uuid);
  expect(componentStatuses).toContain(c.status);
  expect(typeof c.position).toBe('number');
  expect(typeof c.group).toBe('boolean');
  if (c.group) expect(Array.isArray(c.components)).toBe(true);
}

function expectIncident(i: any, statuses: string[]) {
  for (const key of incidentKeys) expect(i, key).toHaveProperty(key);
  expect(statuses).toContain(i.status);
  expect(['none', 'minor', 'major', 'critical', 'maintenance']).toContain(i.impact);
  expect(i.created_at).toMatch(isoUtc);
  for (const u of i.incident_updates) {
    expect(Object.keys(u).sort()).toEqual([...updateKeys].sort());
    expect(u.incident_id).toBe(i.id);
  }
  i.components.forEach(expectComponent);
}

describe('site files: feeds, badges, JSON', () => {
  let world: SiteWorld;
  const read = (path: string) => world.readPage(world.org.slug, path);

  beforeAll(async () => {
    world = await createSiteWorld();
    const { t, org, services, auth } = world;
    const incident = await send(t, 'POST', `/api/organizations/${org.id}/incidents`, auth, {
      title: `${hostile.name} \u0007bell`,
      impact: 'critical',
      services: [{ service_id: services[0]!.id, status: 'major_outage' }],
      message: hostile.long,
    });
    expect(incident.status).toBe(201);
    const now = t.clock.now().getTime();
    const maintenance = await send(t, 'POST', `/api/organizations/${org.id}/maintenances`, auth, {
      title: 'Database upgrade',
      starts_at: new Date(now + 86400_000).toISOString(),
      ends_at: new Date(now + 90000_000).toISOString(),
      service_ids: [services[1]!.id],
      message: 'We will upgrade the database',
    });
    expect(maintenance.status).toBe(201);
    await world.renderer.renderOrg(org.id);
  });
  afterAll(async () => {
    await closeSiteWorld(world);
  });

  it('feed.atom is well-formed Atom with the required elements, text escaped', async () => {
    const text = await read('feed.atom');
    expect(text).not.toContain('\u0007');
    const { feed } = parseXml(text);
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toMatch(/^urn:uuid:/);
    expect(feed.title).toBe(`Acme Cloud status`);
    expect(feed.updated).toMatch(isoUtc);
    expect(feed.author.name).toBe('Acme Cloud');
    const entries = [feed.entry].flat();
    expect(entries).toHaveLength(2);
    for (const entry of entries) {
      expect(entry.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(entry.updated).toMatch(isoUtc);
      expect(entry.title).toBeTruthy();
    }
    const incident = entries.find((e: any) => e.category['@term'] === 'incident');
    expect(incident.title).toBe(`${hostile.name} bell`);
    expect(incident.link['@href']).toMatch(/^incidents\/[0-9a-f-]{36}\/$/);
  });

  it('feed.rss is well-formed RSS 2.0 with RFC 822 dates', async () => {
    const { rss } = parseXml(await read('feed.rss'));
    expect(rss['@version']).toBe('2.0');
    expect(rss.channel.title).toBe('Acme Cloud status');
    const items = [rss.channel.item].flat();
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item.pubDate).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      expect(item.guid['@isPermaLink']).toBe('false');
    }
  });

  it('badges are well-formed SVG that say the status in text', async () => {
    const overall = parseXml(await read('badge.svg')).svg;
    expect(overall['@xmlns']).toBe('http://www.w3.org/2000/svg');
    expect(overall['@aria-label']).toBe('status: major outage');
    const service = parseXml(await read('services/api/badge.svg')).svg;
    expect(service['@aria-label']).toBe('API: major outage');
    expect(parseXml(await read('services/web/badge.svg')).svg['@aria-label']).toBe('Website: operational');
  });

  it('status.json is our public snapshot with the folder-relative logo', async () => {
    const { data } = JSON.parse(await read('status.json'));
    expect(data.organization.slug).toBe(world.org.slug);
    expect(data.services.map((s: any) => s.name)).toEqual(['API', 'Website']);
    expect(data.incidents).toHaveLength(1);
    expect(data.seq).toBeGreaterThan(0);
  });

  it("api/v2: Statuspage's files, field by field", async () => {
    const orgId = world.org.id;
    const summary = JSON.parse(await read('api/v2/summary.json'));
    expectPage(summary.page, orgId);
    expect(summary.status).toEqual({ indicator: 'critical', description: 'Major System Outage' });
    summary.components.forEach(expectComponent);
    summary.incidents.forEach((i: any) =>
      expectIncident(i, ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem']),
    );

    const status = JSON.parse(await read('api/v2/status.json'));
    expect(Object.keys(status).sort()).toEqual(['page', 'status']);
    expect(status.status.indicator).toBe('critical');

    const components = JSON.parse(await read('api/v2/components.json'));
    expect(Object.keys(components).sort()).toEqual(['components', 'page']);
    expect(components.components).toHaveLength(2);
    components.components.forEach(expectComponent);

    for (const path of ['incidents.json', 'incidents/unresolved.json']) {
      const file = JSON.parse(await read(`api/v2/${path}`));
      expect(Object.keys(file).sort()).toEqual(['incidents', 'page']);
      expect(file.incidents).toHaveLength(1);
      expectIncident(file.incidents[0], ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem']);
      expect(file.incidents[0].incident_updates[0].body).toBe(hostile.long);
      expect(file.incidents[0].components.map((c: any) => c.name)).toEqual(['API']);
    }

    for (const [path, count] of [
      ['scheduled-maintenances.json', 1],
      ['scheduled-maintenances/upcoming.json', 1],
      ['scheduled-maintenances/active.json', 0],
    ] as const) {
      const file = JSON.parse(await read(`api/v2/${path}`));
      expect(Object.keys(file).sort()).toEqual(['page', 'scheduled_maintenances']);
      expect(file.scheduled_maintenances, path).toHaveLength(count);
      for (const m of file.scheduled_maintenances) {
        expectIncident(m, ['scheduled', 'in_progress', 'verifying', 'completed']);
        expect(m.scheduled_for).toMatch(isoUtc);
        expect(m.scheduled_until).toMatch(isoUtc);
        expect(m.name).toBe('Database upgrade');
      }
    }
  });
});

/* eslint-disable @typescript-eslint/no-explicit-any -- file contents are checked by value */
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../test/service-helpers.ts';
import { closeSiteWorld, createSiteWorld, type SiteWorld } from './test-kit.ts';

// Update messages and post-mortems are Markdown: the static pages and the feeds show it rendered and
// sanitised (api/src/markdown/), the JSON files as plain text.

const update = [
  'We **rolled back** the [deploy](https://example.com/deploys/42) and *watch* it.',
  '',
  '- step `one`',
  '- [bad](javascript:alert(1)) <script>alert(1)</script> <img src=x onerror=alert(2)>',
].join('\n');
const updateText = [
  'We rolled back the deploy (https://example.com/deploys/42) and watch it.',
  '',
  '- step one',
  '- [bad](javascript:alert(1)) <script>alert(1)</script> <img src=x onerror=alert(2)>',
].join('\n');
const postmortem = 'A **config** change; see <https://example.com/pm>.\n\n```\nmax_conns = 10\n```';
const postmortemText = 'A config change; see https://example.com/pm.\n\nmax_conns = 10';

/** No user text became markup: outside attribute values, no script, image or handler. */
function expectInert(html: string): void {
  const markup = html.replace(/="[^"]*"/g, '=""');
  expect(markup).not.toContain('<script>alert');
  expect(markup).not.toContain('<img src=x');
  expect(html).not.toMatch(/href="\s*javascript:/i);
}

describe('Markdown on the static pages, in the feeds and the JSON files', () => {
  let world: SiteWorld;
  let incidentId: string;
  let maintenanceId: string;
  const read = (path: string) => world.readPage(world.org.slug, path);

  beforeAll(async () => {
    world = await createSiteWorld();
    const { t, org, services, auth } = world;
    const base = `/api/organizations/${org.id}`;
    const opened = await send(t, 'POST', `${base}/incidents`, auth, {
      title: 'Elevated errors',
      services: [{ service_id: services[0]!.id, status: 'partial_outage' }],
      message: 'Looking into it.',
    });
    incidentId = opened.body.data.id;
    t.clock.advance(1000);
    await send(t, 'POST', `${base}/incidents/${incidentId}/updates`, auth, { status: 'resolved', message: update });
    const written = await send(t, 'PUT', `${base}/incidents/${incidentId}/postmortem`, auth, { postmortem });
    expect(written.status).toBe(200);
    const now = t.clock.now().getTime();
    const maintenance = await send(t, 'POST', `${base}/maintenances`, auth, {
      title: 'Database upgrade',
      starts_at: new Date(now + 86400_000).toISOString(),
      ends_at: new Date(now + 90000_000).toISOString(),
      service_ids: [services[1]!.id],
      message: 'We will **upgrade** the database; see [notes](https://example.com/notes).',
    });
    expect(maintenance.status).toBe(201);
    maintenanceId = maintenance.body.data.id;
    await world.renderer.renderOrg(org.id);
  });
  afterAll(async () => {
    await closeSiteWorld(world);
  });

  it("the incident's page renders its updates and post-mortem, sanitised", async () => {
    const html = await read(`incidents/${incidentId}/index.html`);
    expectInert(html);
    expect(html).toContain('<strong>rolled back</strong>');
    expect(html).toContain('<em>watch</em>');
    expect(html).toContain('<code>one</code>');
    expect(html).toContain(
      '<a href="https://example.com/deploys/42" rel="nofollow ugc noopener noreferrer">deploy</a>',
    );
    expect(html).toContain('[bad](javascript:alert(1)) &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toMatch(/<section class="postmortem" data-postmortem[^>]*>\s*<h3[^>]*>Post-mortem<\/h3>/);
    expect(html).toContain('A <strong>config</strong> change');
    expect(html).toContain('<pre><code>max_conns = 10\n</code></pre>');
  });

  it('the history page and the maintenance page render the Markdown too', async () => {
    const history = await read('history/index.html');
    expectInert(history);
    expect(history).toContain('<strong>rolled back</strong>');
    expect(history).not.toContain('data-postmortem');
    const page = await read(`maintenances/${maintenanceId}/index.html`);
    expect(page).toContain('<strong>upgrade</strong>');
    expect(page).toContain('<a href="https://example.com/notes" rel="nofollow ugc noopener noreferrer">notes</a>');
  });

  it('the feeds carry plain-text summaries and the sanitised HTML as escaped content', async () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
    const atom = await read('feed.atom');
    expect(atom).not.toMatch(/<(script|img|strong)\b/);
    const entries = [parser.parse(atom).feed.entry].flat();
    const entry = entries.find((e: any) => e.id === `urn:uuid:${incidentId}`);
    expect(entry.summary['#text']).toContain(updateText.split('\n')[0]);
    expect(entry.content['@type']).toBe('html');
    expect(entry.content['#text']).toContain('<h3>Post-mortem</h3>');
    expect(entry.content['#text']).toContain('<strong>rolled back</strong>');
    expectInert(entry.content['#text']);
    const rss = [parser.parse(await read('feed.rss')).rss.channel.item].flat();
    const item = rss.find((i: any) => i.guid['#text'] === incidentId);
    expect(item.description).toContain('<a href="https://example.com/deploys/42"');
    expectInert(item.description);
  });

  it("Statuspage's files and status.json carry plain text", async () => {
    const incidents = JSON.parse(await read('api/v2/incidents.json')).incidents;
    const incident = incidents.find((i: any) => i.id === incidentId);
    expect(incident.incident_updates[0].body).toBe(updateText);
    const upcoming = JSON.parse(await read('api/v2/scheduled-maintenances/upcoming.json')).scheduled_maintenances;
    expect(upcoming[0].incident_updates[0].body).toBe(
      'We will upgrade the database; see notes (https://example.com/notes).',
    );
    const { data } = JSON.parse(await read('status.json'));
    const resolved = data.recently_resolved_incidents.find((i: any) => i.id === incidentId);
    expect(resolved.updates[0].message).toBe(updateText);
    expect(resolved.postmortem).toBe(postmortemText);
  });
});

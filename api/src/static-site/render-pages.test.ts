import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../test/service-helpers.ts';
import { closeSiteWorld, createSiteWorld, hostile, systemSql, type SiteWorld } from './test-kit.ts';

/**
 * No user text became markup. Inside a quoted attribute value `<` is plain text (Astro escapes only
 * the quote there), so the values are blanked first; everywhere else `<` must arrive as `&lt;`.
 */
function expectInert(html: string): void {
  const markup = html.replace(/="[^"]*"/g, '=""');
  expect(markup).not.toContain('<script>alert');
  expect(markup).not.toContain('<img src=x');
  expect(markup).not.toContain('<b>bold?</b>');
  expect(html).not.toMatch(/=\s*"[^"]*"\s*onerror=/);
}

describe('site pages rendered from the database', () => {
  let world: SiteWorld;
  let incidentId: string;
  let oldIncidentId: string;

  beforeAll(async () => {
    world = await createSiteWorld();
    const { t, org, services, auth } = world;
    await send(t, 'PUT', `/api/organizations/${org.id}`, auth, { name: hostile.name, time_zone: 'Asia/Tokyo' });
    const created = await send(t, 'POST', `/api/organizations/${org.id}/incidents`, auth, {
      title: hostile.name,
      impact: 'major',
      services: [{ service_id: services[0]!.id, status: 'partial_outage' }],
      message: hostile.long,
    });
    expect(created.status).toBe(201);
    incidentId = created.body.data.id;
    // An incident of four months ago, resolved: history page 2.
    const past = new Date(world.t.clock.now().getTime() - 120 * 86400_000).toISOString();
    const old = await send(t, 'POST', `/api/organizations/${org.id}/incidents`, auth, {
      title: 'Old outage',
      impact: 'minor',
      started_at: past,
      services: [{ service_id: services[1]!.id, status: 'degraded_performance' }],
      message: 'Looking into it',
    });
    oldIncidentId = old.body.data.id;
    world.t.clock.advance(60_000);
    await send(t, 'POST', `/api/organizations/${org.id}/incidents/${oldIncidentId}/resolve`, auth, {
      message: 'Fixed',
    });
    await systemSql(world, `update public.incidents set resolved_at = $2 where id = $1`, [oldIncidentId, past]);
    await world.renderer.renderOrg(org.id);
  });
  afterAll(async () => {
    await closeSiteWorld(world);
  });

  it('index: banner, open incident, services with status text and icon, 90-day bars, relative links, seq', async () => {
    const html = await world.readPage(world.org.slug);
    expectInert(html);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Partial System Outage');
    expect(html).toMatch(/data-seq="\d+"/);
    expect(html).toContain(`href="./incidents/${incidentId}/"`);
    expect(html).toContain('href="./status.css"');
    expect(html).toContain('src="./live.js"');
    expect(html).toContain('Times are shown in <strong>Asia/Tokyo</strong>');
    // Each service: a status in words with an icon, and 90 days each with its sentence.
    expect(html).toMatch(
      /data-service-status="partial_outage"[^>]*>\s*<span class="status-icon tone-major" data-icon><svg/,
    );
    expect(html).toContain('<span data-status-text>Partial outage</span>');
    expect(html.match(/<li class="day /g)).toHaveLength(2 * 90);
    expect(html).toMatch(/<span class="day-text">[A-Z][a-z]{2} \d{1,2}, \d{4}: Partial outage, partial outage for/);
    expect(html).not.toContain('Secret internal database');
    // No link leaves the folder except the live stream, which is not a link.
    for (const [, href] of html.matchAll(/(?:href|src)="([^"]*)"/g)) expect(href, href).toMatch(/^\.\/|^#/);
  });

  it('history: months newest first, paginated by three, old incident on page 2', async () => {
    const page1 = await world.readPage(world.org.slug, 'history/index.html');
    expect(page1).toContain('Page 1 of 2');
    expect(page1).toContain('href="../history/2/"');
    expect(page1).toContain('href="../status.css"');
    expect(page1).not.toContain('Old outage');
    const page2 = await world.readPage(world.org.slug, 'history/2/index.html');
    expect(page2).toContain('Old outage');
    expect(page2).toContain('href="../../history/"');
    expect(page2).toContain('href="../../status.css"');
    expect(page2).toContain('No incidents reported this month.');
  });

  it('incident page: the whole timeline, newest first, inert text', async () => {
    const html = await world.readPage(world.org.slug, `incidents/${oldIncidentId}/index.html`);
    const fixed = html.indexOf('Fixed');
    const looking = html.indexOf('Looking into it');
    expect(fixed).toBeGreaterThan(0);
    expect(looking).toBeGreaterThan(fixed);
    const hostilePage = await world.readPage(world.org.slug, `incidents/${incidentId}/index.html`);
    expectInert(hostilePage);
    expect(hostilePage).toContain('dir="auto"');
    expect(hostilePage).toContain('href="../../status.css"');
  });

  it('the 404 page says so, and the org folder has its own copy', async () => {
    const html = await world.readPage(world.org.slug, '404.html').catch(() => null);
    const shared = await (await import('node:fs/promises')).readFile(`${world.siteDir}/404.html`, 'utf8');
    expect(shared).toContain('Status page not found');
    expect(html).toBeNull();
  });
});

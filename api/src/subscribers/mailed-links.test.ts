import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { closeSiteWorld, createSiteWorld, type SiteWorld } from '../static-site/test-kit.ts';
import { send } from '../../test/service-helpers.ts';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.ts';
import { asSystem } from '../db/doors.ts';

/**
 * Every link of a notification mail opens a working page: the incident's static page (rendered by
 * the site renderer, served from SITE_OUT_DIR), the status page, and the subscription pages; the
 * one-click target answers its POST.
 */
describe('the links of a notification mail', () => {
  let smtp: SmtpSink;
  let world: SiteWorld;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    world = await createSiteWorld({ SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'https://status.example.test' });
    await asSystem(world.t.db, 'test', (tx) =>
      tx.query(
        `insert into public.status_subscribers (org_id, email, token, confirmed_at) values ($1, 'links@example.test', $2, now())`,
        [world.org.id, randomBytes(32).toString('base64url')],
      ),
    );
  });
  afterAll(async () => {
    await closeSiteWorld(world);
    await smtp.close();
  });

  it('each opens (200), the incident page names the incident', async () => {
    const res = await send(world.t, 'POST', `/api/organizations/${world.org.id}/incidents`, world.auth, {
      title: 'Checkout failures',
      message: 'Payments fail for some cards.',
      services: [{ service_id: world.services[0]!.id, status: 'partial_outage' }],
    });
    expect(res.status).toBe(201);
    await world.t.deps.outbox!.drain();
    await smtp.until(1);
    await world.renderer.idle();
    const [mail] = smtp.received;
    const links = [...new Set(mail!.text.match(/https:\/\/status\.example\.test\/\S+/g) ?? [])];
    expect(links.length).toBeGreaterThanOrEqual(3);
    expect(links).toContain(`https://status.example.test/status/${world.org.slug}/incidents/${res.body.data.id}/`);
    for (const link of links) {
      const url = new URL(link);
      const page = await world.t.app.request(url.pathname + url.search);
      expect(page.status, link).toBe(200);
      const html = await page.text();
      if (url.pathname.includes('/incidents/')) expect(html).toContain('Checkout failures');
    }
    const oneClick = new URL(mail!.headers.get('list-unsubscribe')!.slice(1, -1));
    const post = await world.t.app.request(oneClick.pathname + oneClick.search, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(post.status).toBe(200);
  });
});

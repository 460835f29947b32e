import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApp } from '../../test/streams.ts';
import { asSystem } from '../db/doors.ts';
import { serveFolder } from './static-server.ts';
import { closeSiteWorld, createSiteWorld, type SiteWorld } from './test-kit.ts';
import { addMember, createUser } from '../../test/fixtures.ts';
import { authFor, send } from '../../test/service-helpers.ts';

const axePath = fileURLToPath(import.meta.resolve('axe-core/axe.min.js'));
// docs/screenshots/ is refreshed on purpose (UPDATE_SCREENSHOTS=1); ordinary runs keep the tree clean.
const screenshotsDir = fileURLToPath(
  new URL(
    process.env.UPDATE_SCREENSHOTS === '1' ? '../../../docs/screenshots/' : '../../../.tmp/screenshots/',
    import.meta.url,
  ),
);
const loopback = new Set(['127.0.0.1', 'localhost', '[::1]']);

// The functions below run in the page; the API project is typed without the DOM library.
type Style = { borderTopWidth: string };
const borderTop = (el: unknown) =>
  (globalThis as unknown as { getComputedStyle(e: unknown): Style }).getComputedStyle(el).borderTopWidth;
const fitsScreen = () => {
  const w = globalThis as unknown as { innerWidth: number; document: { documentElement: { scrollWidth: number } } };
  return w.document.documentElement.scrollWidth <= w.innerWidth;
};
const statusTextIs = ([id, text]: [string, string]) =>
  (
    globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }
  ).document.querySelector(`[data-service-id="${id}"] [data-status-text]`)?.textContent === text;

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const result = await (
      globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }
    ).axe.run();
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the status page in Chromium', () => {
  let world: SiteWorld;
  let api: Awaited<ReturnType<typeof serveApp>>;
  let folder: Awaited<ReturnType<typeof serveFolder>>;
  let browser: Browser;
  let context: BrowserContext;
  const offLoopback: string[] = [];
  let demo: { id: string; services: { id: string; slug: string }[] };

  beforeAll(async () => {
    world = await createSiteWorld({}, { demo: true });
    api = await serveApp(world.t.app);
    // The pages' live module connects to the API at PUBLIC_BASE_URL (another origin than the folder's).
    world.t.env.PUBLIC_BASE_URL = api.url;
    const [org] = await asSystem(world.t.db, 'test', (tx) =>
      tx.query<{ id: string }>(`select id from public.organizations where slug = 'demo'`),
    );
    const services = await asSystem(world.t.db, 'test', (tx) =>
      tx.query<{ id: string; slug: string }>(
        `select id, slug from public.services where org_id = $1 and is_public order by position, name`,
        [org!.id],
      ),
    );
    demo = { id: org!.id, services };
    await world.renderer.renderOrg(demo.id);
    folder = await serveFolder(join(world.siteDir, 'status', 'demo'));
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
    });
    context = await guardedContext();
  }, 120_000);

  /** A browser context in which any request off this machine is refused and recorded (fails the run). */
  async function guardedContext(options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
    const created = await browser.newContext(options);
    await created.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === 'data:' || loopback.has(url.hostname)) return route.continue();
      offLoopback.push(url.toString());
      return route.abort();
    });
    return created;
  }

  afterAll(async () => {
    await browser?.close();
    await folder?.close();
    await api?.close();
    await closeSiteWorld(world);
    expect(offLoopback).toEqual([]);
  });

  it('the folder at the root of a plain static server loads with its CSS, and its links work', async () => {
    const page = await context.newPage();
    const response = await page.goto(`${folder.url}/`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Demo Cloud status');
    // The stylesheet applied: the header carries the brand colour as its top border.
    expect(await page.locator('.site-header').evaluate(borderTop)).toBe('4px');
    const hrefs = await page
      .locator('a[href]')
      .evaluateAll((links) => links.map((a) => (a as unknown as { href: string }).href));
    for (const href of new Set(hrefs)) {
      if (href.includes('#')) continue;
      const res = await page.request.get(href);
      expect(res.status(), href).toBe(200);
    }
    await page.locator('nav a', { hasText: 'History' }).click();
    await page.waitForURL(`${folder.url}/history/`);
    expect(await page.locator('h1').textContent()).toContain('incident history');
    expect(await page.locator('.site-header').evaluate(borderTop)).toBe('4px');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it('has no serious or critical axe violations, light and dark, desktop and phone; screenshots', async () => {
    await mkdir(screenshotsDir, { recursive: true });
    for (const [name, options] of [
      ['desktop-light', { viewport: { width: 1280, height: 900 }, colorScheme: 'light' }],
      ['desktop-dark', { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' }],
      ['phone', { viewport: { width: 390, height: 844 }, colorScheme: 'light', deviceScaleFactor: 2, isMobile: true }],
    ] as const) {
      const variant = await guardedContext(options);
      const page = await variant.newPage();
      await page.goto(`${folder.url}/`);
      expect(await seriousViolations(page), name).toEqual([]);
      // Nothing is wider than the screen, whatever the text.
      expect(await page.evaluate(fitsScreen), name).toBe(true);
      await page.screenshot({ path: join(screenshotsDir, `status-page-${name}.png`), fullPage: true });
      await variant.close();
    }
  }, 90_000);

  it("a status change made through the API appears live, without a reload, today's uptime cell too", async () => {
    await mkdir(screenshotsDir, { recursive: true });
    const page = await context.newPage();
    await page.goto(`${folder.url}/`);
    const target = demo.services[0]!;
    const row = page.locator(`[data-service-id="${target.id}"]`);
    const status = row.locator('[data-status-text]');
    const today = row.locator('.bar .day').last();
    expect(await status.textContent()).toBe('Operational');
    expect(await today.getAttribute('class')).toBe('day tone-ok');
    expect(await today.locator('.day-text').textContent()).toMatch(/: Operational, 100% uptime$/);
    await row.screenshot({ path: join(screenshotsDir, 'live-today-before.png') });
    await world.setStatusIn(demo.id, target.id, 'major_outage');
    await page.waitForFunction(statusTextIs, [target.id, 'Major outage'] as [string, string], { timeout: 10_000 });
    expect(await page.locator('[data-banner-text]').textContent()).toBe('Major System Outage');
    // Today's cell says what the server would render for the day now: its worst status so far.
    expect(await today.getAttribute('class')).toBe('day tone-critical');
    expect(await today.locator('.day-text').textContent()).toMatch(
      /: Major outage, (major outage for .+, )?[\d.]+% uptime$/,
    );
    await row.screenshot({ path: join(screenshotsDir, 'live-today-after.png') });
    // A fresh render of the folder, at the real time of the change (the test clock stood still), draws
    // the same cell; the text's times differ by the seconds between.
    world.t.clock.current = new Date();
    await world.renderer.renderOrg(demo.id);
    const fresh = await context.newPage();
    await fresh.goto(`${folder.url}/`);
    const rendered = fresh.locator(`[data-service-id="${target.id}"] .bar .day`).last();
    expect(await rendered.getAttribute('class')).toBe('day tone-critical');
    expect(await rendered.locator('.day-text').textContent()).toMatch(
      /: Major outage, (major outage for .+, )?[\d.]+% uptime$/,
    );
    expect(offLoopback).toEqual([]);
    await fresh.close();
    await page.close();
  }, 60_000);

  it('the product URL without the trailing slash works', async () => {
    const page = await context.newPage();
    const css: number[] = [];
    page.on('response', (res) => res.url().endsWith('/status.css') && css.push(res.status()));
    await page.goto(`${api.url}/status/demo`);
    expect(page.url()).toBe(`${api.url}/status/demo/`);
    expect(await page.locator('h1').textContent()).toBe('Demo Cloud status');
    expect(css).toEqual([200]);
    await page.close();
  }, 60_000);

  it('without PUBLIC_BASE_URL the Embed snippet a visitor copies names the absolute widget URL', async () => {
    world.t.env.PUBLIC_BASE_URL = undefined;
    try {
      await world.renderer.renderOrg(demo.id);
      expect(await world.readPage('demo')).toContain('src=&quot;/widget/status-badge.js&quot;');
      const page = await context.newPage();
      await page.goto(`${api.url}/status/demo/`);
      await expect
        .poll(() => page.locator('.embed-snippet code').textContent())
        .toContain(`<script type="module" src="${api.url}/widget/status-badge.js"></script>`);
      await page.close();
    } finally {
      world.t.env.PUBLIC_BASE_URL = api.url;
    }
  }, 60_000);

  it('an update written in Markdown arrives live as plain text, and a render shows it rendered', async () => {
    // Rendered with PUBLIC_BASE_URL, so the live module streams from the API.
    await world.renderer.renderOrg(demo.id);
    const page = await context.newPage();
    await page.goto(`${folder.url}/`);
    const user = await createUser(world.t.db);
    await addMember(world.t.db, demo.id, user.id, 'admin');
    const auth = await authFor(world.t, user);
    const message =
      'Errors on **checkout**; see [status](https://example.com/s).\n<img src=x onerror="window.pwned=1">';
    const created = await send(world.t, 'POST', `/api/organizations/${demo.id}/incidents`, auth, {
      title: 'Checkout errors',
      services: [{ service_id: demo.services[1]!.id, status: 'partial_outage' }],
      message,
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    try {
      const live = page.locator(`[data-incident-id="${id}"] .update-message`);
      await live.waitFor({ timeout: 10_000 });
      expect(await live.textContent()).toBe(
        'Errors on checkout; see status (https://example.com/s).\n<img src=x onerror="window.pwned=1">',
      );
      expect(await live.locator('*').count()).toBe(0);
      expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();

      world.t.clock.current = new Date();
      await world.renderer.renderOrg(demo.id);
      const fresh = await context.newPage();
      await fresh.goto(`${folder.url}/`);
      const rendered = fresh.locator(`[data-incident-id="${id}"] .update-message`);
      expect(await rendered.locator('strong').textContent()).toBe('checkout');
      expect(await rendered.locator('a').getAttribute('href')).toBe('https://example.com/s');
      expect(await rendered.locator('img').count()).toBe(0);
      expect(await fresh.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
      await fresh.close();
    } finally {
      await send(world.t, 'DELETE', `/api/organizations/${demo.id}/incidents/${id}`, auth);
      await page.close();
    }
  }, 60_000);
});

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { seedDemo } from '../../api/src/db/seed.ts';
import { asSystem } from '../../api/src/db/doors.ts';
import {
  screenshotsDir,
  serviceRow,
  seriousViolations,
  signIn,
  startAdminWorld,
  type AdminWorld,
} from './browser-kit.ts';

const password = 'lantern-demo';

// The demo org: its admin and its viewer in two browsers, live through the org stream.
describe('admin journey: the demo admin and viewer, live', () => {
  let world: AdminWorld;
  let adminContext: BrowserContext;
  let viewerContext: BrowserContext;
  let admin: Page;
  let viewer: Page;

  beforeAll(async () => {
    world = await startAdminWorld((t) => seedDemo(t.db).then(() => undefined));
    adminContext = await world.newContext();
    viewerContext = await world.newContext();
    admin = await adminContext.newPage();
    viewer = await viewerContext.newPage();
    await signIn(admin, world.url, 'admin@demo.test', password);
    await signIn(viewer, world.url, 'viewer@demo.test', password);
  }, 120_000);
  afterAll(async () => {
    await world?.close();
    expect(world?.offLoopback ?? []).toEqual([]);
  });

  it('shows the viewer no editing control, and the admin the status controls and the add form', async () => {
    await serviceRow(viewer, 'API').waitFor();
    expect(await viewer.locator('status-change').count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Add service' }).count()).toBe(0);
    await viewer.getByRole('link', { name: 'Incidents' }).click();
    await viewer.getByRole('heading', { name: 'Open' }).waitFor();
    expect(await viewer.getByRole('link', { name: 'New incident' }).count()).toBe(0);
    await viewer.getByRole('link', { name: 'Delayed email delivery' }).click();
    await viewer.getByRole('heading', { name: 'Timeline' }).waitFor();
    expect(await viewer.getByRole('button', { name: 'Resolve incident' }).count()).toBe(0);
    expect(await seriousViolations(viewer)).toEqual([]);
    await viewer.getByRole('link', { name: 'Services' }).click();
    await serviceRow(admin, 'API').locator('status-change').waitFor();
    expect(await admin.getByRole('button', { name: 'Add service' }).count()).toBe(1);
    expect(await seriousViolations(admin)).toEqual([]);
  });

  it('says when an incident holds a service worse than its manual status', async () => {
    await serviceRow(admin, 'Email delivery').getByText('because an incident, alert or maintenance holds it').waitFor();
  });

  it("the admin's status change appears in the viewer's list without a reload", async () => {
    const viewerRow = serviceRow(viewer, 'API');
    await viewerRow.locator('[data-status-text]', { hasText: 'Operational' }).waitFor();
    const adminRow = serviceRow(admin, 'API');
    await adminRow.getByLabel('New status of API').selectOption('partial_outage');
    await adminRow.getByRole('button', { name: 'Update' }).click();
    await adminRow.locator('[data-status-text]', { hasText: 'Partial outage' }).waitFor();
    await viewerRow.locator('[data-status-text]', { hasText: 'Partial outage' }).waitFor();
  });

  it('light and dark, desktop and phone: no serious axe violation; screenshots', async () => {
    await mkdir(screenshotsDir, { recursive: true });
    const looks = [
      ['desktop-light', { viewport: { width: 1280, height: 900 }, colorScheme: 'light' }],
      ['desktop-dark', { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' }],
      [
        'phone-light',
        { viewport: { width: 390, height: 844 }, colorScheme: 'light', deviceScaleFactor: 2, isMobile: true },
      ],
      [
        'phone-dark',
        { viewport: { width: 390, height: 844 }, colorScheme: 'dark', deviceScaleFactor: 2, isMobile: true },
      ],
    ] as const;
    for (const [look, options] of looks) {
      const context = await world.newContext(options);
      const page = await context.newPage();
      await page.goto(`${world.url}/admin/sign-in`);
      await page.getByRole('heading', { name: 'Sign in to Lantern' }).waitFor();
      expect(await seriousViolations(page), `sign-in ${look}`).toEqual([]);
      await page.screenshot({ path: join(screenshotsDir, `admin-sign-in-${look}.png`), fullPage: true });
      await signIn(page, world.url, 'admin@demo.test', password);
      await serviceRow(page, 'API').waitFor();
      expect(await seriousViolations(page), `services ${look}`).toEqual([]);
      await page.screenshot({ path: join(screenshotsDir, `admin-services-${look}.png`), fullPage: true });
      await page.getByRole('link', { name: 'Incidents' }).click();
      await page.locator('li[data-incident-id]').first().waitFor();
      expect(await seriousViolations(page), `incidents ${look}`).toEqual([]);
      await page.screenshot({ path: join(screenshotsDir, `admin-incidents-${look}.png`), fullPage: true });
      await page.getByRole('link', { name: 'Delayed email delivery' }).click();
      await page.getByRole('heading', { name: 'Timeline' }).waitFor();
      expect(await seriousViolations(page), `incident ${look}`).toEqual([]);
      await page.screenshot({ path: join(screenshotsDir, `admin-incident-${look}.png`), fullPage: true });
      await page.goto(`${world.url}/admin/incidents/new`);
      await page.getByRole('checkbox', { name: 'API' }).waitFor();
      expect(await seriousViolations(page), `new incident ${look}`).toEqual([]);
      await page.screenshot({ path: join(screenshotsDir, `admin-new-incident-${look}.png`), fullPage: true });
      // Nothing wider than the screen, down to phone width.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), look).toBe(true);
      await context.close();
    }
  }, 300_000);

  it("a removed member's app leaves that organization at once", async () => {
    await viewer.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
    const [viewerId, orgId] = await asSystem(world.t.db, 'test', async (tx) => {
      const [row] = await tx.query<{ user_id: string; org_id: string }>(
        `select m.user_id, m.org_id from public.organization_members m join auth.users u on u.id = m.user_id
         where u.email = 'viewer@demo.test'`,
      );
      return [row!.user_id, row!.org_id];
    });
    const token = await admin.evaluate(
      () => (JSON.parse(localStorage.getItem('lantern.session')!) as { access_token: string }).access_token,
    );
    const res = await fetch(`${world.url}/api/organizations/${orgId}/members/${viewerId}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(204);
    await viewer.getByText('You no longer have access to Demo Cloud.').waitFor();
    await viewer.getByRole('heading', { name: 'Create your first organization' }).waitFor();
  });
});

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { seedDemo } from '../../api/src/db/seed.ts';
import { screenshotsDir, seriousViolations, signIn, startAdminWorld, type AdminWorld } from './browser-kit.ts';

const password = 'lantern-demo';

// The demo admin runs the org: maintenances, team, API keys, audit, settings, integrations. The browser
// sits in New York while the demo org keeps Berlin time, so both clocks show.
describe('admin journey: running the demo organization', () => {
  let world: AdminWorld;
  let context: BrowserContext;
  let admin: Page;

  beforeAll(async () => {
    world = await startAdminWorld((t) => seedDemo(t.db).then(() => undefined));
    context = await world.newContext({ timezoneId: 'America/New_York' });
    admin = await context.newPage();
    // The maintenance screen still asks with window.confirm.
    admin.on('dialog', (dialog) => void dialog.accept());
    await signIn(admin, world.url, 'admin@demo.test', password);
  }, 120_000);
  afterAll(async () => {
    await world?.close();
    expect(world?.offLoopback ?? []).toEqual([]);
  });

  it('schedules a maintenance on the org clock, lists it as upcoming, posts an update and cancels it', async () => {
    await admin.getByRole('link', { name: 'Maintenances' }).click();
    await admin.getByRole('heading', { name: 'Upcoming' }).waitFor();
    await admin.getByRole('link', { name: 'Edge network hardware refresh' }).waitFor();
    expect(await seriousViolations(admin), 'maintenances').toEqual([]);

    await admin.getByRole('link', { name: 'Schedule maintenance' }).click();
    await admin.getByLabel('Title').fill('Load balancer firmware');
    await admin.getByLabel('Starts').fill('2030-05-01T10:00');
    await admin.getByLabel('Ends').fill('2030-05-01T11:30');
    // Berlin 10:00 in May is New York 04:00.
    await admin.getByText(/Your time \(America\/New_York\): .*04:00/).waitFor();
    await admin.getByRole('checkbox', { name: 'API' }).check();
    await admin.getByLabel('First update (optional)').fill('Failover tested; expect one reconnect.');
    expect(await seriousViolations(admin), 'new maintenance').toEqual([]);
    await admin.getByRole('button', { name: 'Schedule maintenance' }).click();

    await admin.getByRole('heading', { name: 'Load balancer firmware', level: 1 }).waitFor();
    const state = admin.locator('[data-maintenance-state]');
    await state.getByText('Scheduled').waitFor();
    expect(await state.textContent()).toMatch(/10:00[\s\S]*04:00[\s\S]*11:30[\s\S]*05:30/);
    await admin.getByText('Failover tested; expect one reconnect.').waitFor();
    expect(await seriousViolations(admin), 'maintenance').toEqual([]);

    await admin.getByRole('button', { name: 'Edit' }).click();
    await admin.getByLabel('Ends').fill('2030-05-01T12:00');
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await state.getByText(/12:00/).waitFor();

    await admin.getByLabel('Message').fill('Vendor confirmed the firmware build.');
    await admin.getByRole('button', { name: 'Post update' }).click();
    await admin.getByText('Vendor confirmed the firmware build.').waitFor();

    await admin.getByRole('link', { name: '← Maintenances' }).click();
    const upcoming = admin.locator('li[data-maintenance-id]', { hasText: 'Load balancer firmware' });
    await upcoming.getByText('Scheduled').waitFor();
    await upcoming.getByRole('link').click();
    await admin.getByRole('button', { name: 'Cancel maintenance' }).click();
    await state.getByText('Cancelled').waitFor();
    expect(await admin.getByRole('button', { name: 'Post update' }).count()).toBe(0);
  });

  it('invites a member, lists the pending invitation with its link, and explains the last-admin refusal', async () => {
    await admin.getByRole('link', { name: 'Team' }).click();
    await admin.getByRole('heading', { name: 'Members' }).waitFor();
    await admin.locator('[data-member="viewer@demo.test"]').waitFor();
    await admin.getByLabel('Email').fill('new.colleague@example.com');
    await admin.locator('select[name="role"]').selectOption('viewer');
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    const link = admin.getByLabel('Invitation link');
    await link.waitFor();
    expect(await link.inputValue()).toMatch(/\/accept-invitation\?token=/);
    const pending = admin.locator('[data-invitation="new.colleague@example.com"]');
    await pending.getByText('Viewer').waitFor();
    expect(await seriousViolations(admin), 'team').toEqual([]);

    // The demo org's only admin cannot step down: the API's 409, and why.
    const self = admin.locator('[data-member="admin@demo.test"]');
    await self.getByRole('combobox').selectOption('member');
    await self.getByRole('alert').getByText('at least one admin').waitFor();
    expect(await self.getByRole('combobox').inputValue()).toBe('admin');

    await pending.getByRole('button', { name: 'Revoke new.colleague@example.com' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByText('Revoke the invitation of new.colleague@example.com?').waitFor();
    expect(await seriousViolations(admin), 'confirm dialog').toEqual([]);
    await dialog.getByRole('button', { name: 'Revoke invitation' }).click();
    await pending.waitFor({ state: 'detached' });
    await admin.getByLabel('Email').fill('second.colleague@example.com');
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    await admin.locator('[data-invitation="second.colleague@example.com"]').waitFor();
  });

  it('creates an API key whose secret shows once, lists it, and revokes it', async () => {
    await admin.getByRole('link', { name: 'API keys' }).click();
    await admin.getByRole('heading', { name: 'Create a key' }).waitFor();
    await admin.getByLabel('Name').fill('Prometheus scraper');
    await admin.getByRole('checkbox', { name: /^read / }).uncheck();
    await admin.getByRole('checkbox', { name: /^metrics:read / }).check();
    await admin.getByRole('button', { name: 'Create key' }).click();
    const secret = admin.getByLabel('Secret');
    await secret.waitFor();
    const value = await secret.inputValue();
    expect(value).toMatch(/^lsk_/);
    const row = admin.locator('[data-key="Prometheus scraper"]');
    await row.getByText('never used').waitFor();
    expect(await row.textContent()).toContain('metrics:read');
    expect(await row.textContent()).not.toContain(value);
    expect(await seriousViolations(admin), 'api keys').toEqual([]);

    // The key works until it is revoked; the secret never shows again.
    const metrics = () =>
      fetch(`${world.url}/api/organizations/de000000-0000-4000-8000-000000000001/metrics`, {
        headers: { Authorization: `Bearer ${value}` },
      }).then((res) => res.status);
    expect(await metrics()).toBe(200);
    await admin.getByRole('button', { name: 'Done, hide the secret' }).click();
    await admin.reload();
    await row.waitFor();
    expect(await admin.getByLabel('Secret').count()).toBe(0);
    await row.getByRole('button', { name: 'Revoke Prometheus scraper' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Revoke Prometheus scraper' }).click();
    await row.waitFor({ state: 'detached' });
    expect(await metrics()).toBe(401);
  });

  it('the audit log shows the events of these actions, filtered by family, and pages', async () => {
    await admin.getByRole('link', { name: 'Audit log' }).click();
    const list = admin.locator('li[data-event-type]');
    await list.first().waitFor();
    for (const type of [
      'api_key.revoked',
      'api_key.created',
      'invitation.created',
      'invitation.revoked',
      'maintenance.created',
      'maintenance.cancelled',
    ]) {
      await admin.locator(`li[data-event-type="${type}"]`).first().waitFor();
    }
    await admin.locator('li[data-event-type="maintenance.created"]', { hasText: 'Load balancer firmware' }).waitFor();
    expect(await admin.locator('li[data-event-type="api_key.created"]').textContent()).toContain('Demo Admin');
    expect(await seriousViolations(admin), 'audit').toEqual([]);

    await admin.getByLabel('Show').selectOption('invitation');
    await admin.waitForURL(/type=invitation/);
    await admin.locator('li[data-event-type="maintenance.created"]').waitFor({ state: 'detached' });
    await admin.locator('li[data-event-type="invitation.created"]').first().waitFor();
    const types = await list.evaluateAll((items) => items.map((li) => li.getAttribute('data-event-type')));
    expect(types.length).toBeGreaterThan(0);
    expect(types.every((type) => type?.startsWith('invitation.'))).toBe(true);

    // Past a page (50 events): 60 status changes; the next page follows the first, down to the maintenance.
    const token = await admin.evaluate(
      () => (JSON.parse(localStorage.getItem('lantern.session')!) as { access_token: string }).access_token,
    );
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${world.url}/api/organizations/de000000-0000-4000-8000-000000000001${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      });
    const { data: services } = (await (await api('/services')).json()) as { data: { id: string; name: string }[] };
    const service = services.find((s) => s.name === 'Dashboard')!;
    for (let i = 0; i < 60; i++) {
      const status = i % 2 === 0 ? 'degraded_performance' : 'operational';
      expect(
        (await api(`/services/${service.id}/status`, { method: 'POST', body: JSON.stringify({ status }) })).status,
      ).toBe(200);
    }
    await admin.getByLabel('Show').selectOption('');
    await admin.getByRole('button', { name: 'Show more' }).click();
    await list.nth(50).waitFor();
    await admin.locator('li[data-event-type="maintenance.created"]').first().waitFor();
  });

  it('integrations: the badge snippet with a live preview, URLs, scrape config, and the Alertmanager settings form', async () => {
    await admin.getByRole('link', { name: 'Integrations' }).click();
    const snippet = admin.getByLabel('Badge snippet');
    await snippet.waitFor();
    expect(await snippet.textContent()).toContain(`<status-badge org="demo" variant="pill" theme="auto">`);
    expect(await snippet.textContent()).toContain(`${world.url}/widget/status-badge.js`);
    // The real widget, live from the public stream.
    await admin
      .locator('[data-badge-preview] status-badge [part~="label"]')
      .filter({ hasText: /\w/ })
      .first()
      .waitFor();
    await admin.getByRole('combobox', { name: /^Variant/ }).selectOption('card');
    await admin.locator('[data-badge-preview] status-badge [part~="card"]').waitFor();
    expect(await snippet.textContent()).toContain('variant="card"');
    await admin.getByRole('link', { name: `${world.url}/status/demo/` }).waitFor();
    expect(await admin.getByLabel('Prometheus scrape configuration').textContent()).toContain(
      'metrics_path: /api/organizations/de000000-0000-4000-8000-000000000001/metrics',
    );
    expect(await seriousViolations(admin), 'integrations').toEqual([]);

    await admin.getByLabel('Hold timeout (seconds)').fill('7200');
    await admin.getByRole('button', { name: 'Save receiver settings' }).click();
    await admin.getByText('Saved.').waitFor();
    await admin.reload();
    await admin.getByLabel('Hold timeout (seconds)').waitFor();
    expect(await admin.getByLabel('Hold timeout (seconds)').inputValue()).toBe('7200');
    await admin.getByLabel('Hold timeout (seconds)').fill('10');
    await admin.getByRole('button', { name: 'Save receiver settings' }).click();
    await admin.locator('alertmanager-settings-form .field-error').waitFor();
  });

  it('light and dark desktop, and phone width: no serious axe violation, nothing wider than the screen; screenshots', async () => {
    await mkdir(screenshotsDir, { recursive: true });
    // A key in use, for the keys screen.
    const token = await admin.evaluate(
      () => (JSON.parse(localStorage.getItem('lantern.session')!) as { access_token: string }).access_token,
    );
    const created = await fetch(`${world.url}/api/organizations/de000000-0000-4000-8000-000000000001/api-keys`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Deploy pipeline', scopes: ['read', 'status:write', 'incidents:write'] }),
    });
    const { data: key } = (await created.json()) as { data: { secret: string } };
    await fetch(`${world.url}/api/organizations/de000000-0000-4000-8000-000000000001/services`, {
      headers: { Authorization: `Bearer ${key.secret}` },
    });
    const screens: [name: string, path: string, ready: (page: Page) => Promise<unknown>][] = [
      ['maintenances', 'maintenances', (p) => p.getByRole('link', { name: 'Edge network hardware refresh' }).waitFor()],
      [
        'maintenance',
        'maintenances/de000000-0000-4000-8000-0000000000e2',
        (p) => p.getByRole('heading', { name: 'Timeline' }).waitFor(),
      ],
      ['new-maintenance', 'maintenances/new', (p) => p.getByRole('checkbox', { name: 'API' }).waitFor()],
      ['team', 'team', (p) => p.locator('[data-invitation="second.colleague@example.com"]').waitFor()],
      ['api-keys', 'api-keys', (p) => p.locator('[data-key="Deploy pipeline"]').waitFor()],
      ['audit', 'audit', (p) => p.locator('li[data-event-type]').first().waitFor()],
      [
        'integrations',
        'integrations',
        (p) => p.locator('[data-badge-preview] status-badge [part~="label"]').first().waitFor(),
      ],
      ['settings', 'settings', (p) => p.getByRole('heading', { name: 'Delete organization' }).waitFor()],
    ];
    const looks = [
      ['desktop-light', { viewport: { width: 1280, height: 900 }, colorScheme: 'light' }],
      ['desktop-dark', { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' }],
      ['phone-light', { viewport: { width: 390, height: 844 }, colorScheme: 'light', isMobile: true }],
      ['phone-dark', { viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true }],
    ] as const;
    for (const [look, options] of looks) {
      const context = await world.newContext({ ...options, timezoneId: 'America/New_York' });
      const page = await context.newPage();
      await signIn(page, world.url, 'admin@demo.test', password);
      for (const [name, path, ready] of screens) {
        await page.goto(`${world.url}/admin/${path}`);
        await ready(page);
        expect(await seriousViolations(page), `${name} ${look}`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${name} ${look}`).toBe(
          true,
        );
        await page.screenshot({ path: join(screenshotsDir, `admin-${name}-${look}.png`), fullPage: true });
      }
      await context.close();
    }
  }, 300_000);

  it('settings: renames the org and its slug (with the redirect warning), and deletes an org by its slug', async () => {
    await admin.getByRole('link', { name: 'Settings' }).click();
    await admin.getByRole('heading', { name: 'General' }).waitFor();
    expect(await seriousViolations(admin), 'settings').toEqual([]);
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    // The demo org has a logo already: the new one is told apart by its URL (it carries updated_at).
    const logo = admin.getByRole('img', { name: 'Current logo of Demo Cloud' });
    const logoSrc = async () => ((await logo.count()) ? logo.getAttribute('src') : null);
    const oldSrc = await logoSrc();
    await admin.locator('input[name="logo"]').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
    await admin.getByRole('button', { name: 'Upload logo' }).click();
    await expect.poll(logoSrc, { timeout: 15_000 }).not.toBe(oldSrc);
    expect(
      await logo
        // The element appears before its bytes arrive: wait for the load (or the error) to decide.
        .evaluate((img: HTMLImageElement) =>
          img.complete
            ? img.naturalWidth
            : new Promise<number>((resolve) => {
                img.addEventListener('load', () => resolve(img.naturalWidth), { once: true });
                img.addEventListener('error', () => resolve(0), { once: true });
              }),
        ),
    ).toBe(1);
    await admin.getByLabel('Name', { exact: true }).fill('Demo Cloud Inc');
    await admin.getByRole('textbox', { name: /^Slug/ }).fill('demo-cloud');
    await admin.getByRole('note').getByText('the old slug redirects').waitFor();
    await admin.getByRole('button', { name: 'Save settings' }).click();
    await admin.getByText('Saved.').waitFor();
    await admin
      .getByRole('combobox', { name: 'Organization' })
      .getByRole('option', { name: 'Demo Cloud Inc' })
      .waitFor({ state: 'attached' });
    expect((await fetch(`${world.url}/status/demo/`, { redirect: 'manual' })).status).toBeGreaterThanOrEqual(300);

    // A second org, deleted by typing its slug.
    await admin.getByRole('link', { name: 'New organization' }).click();
    await admin.getByRole('button', { name: 'Create organization' }).waitFor();
    await admin.getByLabel('Name', { exact: true }).fill('Scratch');
    await admin.getByRole('textbox', { name: /^Slug/ }).fill('scratch-org');
    await admin.getByRole('button', { name: /Create/ }).click();
    await admin.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
    await admin.getByRole('link', { name: 'Settings' }).click();
    const remove = admin.getByRole('button', { name: 'Delete Scratch' });
    await remove.waitFor();
    expect(await remove.isDisabled()).toBe(true);
    await admin.getByLabel('Type scratch-org to confirm').fill('scratch-org');
    await remove.click();
    await admin.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
    expect(await admin.getByRole('combobox', { name: 'Organization' }).getByRole('option').allTextContents()).toEqual([
      'Demo Cloud Inc',
    ]);
  });

  it('a viewer sees the screens without their editing controls', async () => {
    const context = await world.newContext();
    const viewer = await context.newPage();
    await signIn(viewer, world.url, 'viewer@demo.test', password);
    const nav = viewer.getByRole('navigation', { name: 'Screens' });
    await nav.getByRole('link', { name: 'Maintenances' }).click();
    await viewer.getByRole('heading', { name: 'Upcoming' }).waitFor();
    expect(await viewer.getByRole('link', { name: 'Schedule maintenance' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'API keys' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Team' }).click();
    await viewer.locator('[data-member="admin@demo.test"]').waitFor();
    expect(await viewer.getByRole('button', { name: 'Send invitation' }).count()).toBe(0);
    expect(await viewer.getByRole('combobox', { name: /^Role of/ }).count()).toBe(0);
    await viewer.getByRole('button', { name: 'Leave' }).waitFor();
    await nav.getByRole('link', { name: 'Integrations' }).click();
    await viewer.getByText('Admins set how alert labels map to statuses.').waitFor();
    expect(await seriousViolations(viewer)).toEqual([]);
    await context.close();
  });
});

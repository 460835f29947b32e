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

/** The services of a section (by its heading), in the order shown. */
const namesIn = (page: Page, section: string) =>
  page.getByRole('region', { name: section, exact: true }).locator('li[data-service-id] .name a').allTextContents();
const sectionTitles = (page: Page) => page.locator('section[data-group] h2').allTextContents();

// Two admins of the demo org (its viewer made an admin for this world) in two browsers, and its
// member: the services screen, its groups and order, a service's page, and the account screen.
describe('admin journey: services, groups, order and a service page, with two admins live', () => {
  let world: AdminWorld;
  let contexts: BrowserContext[] = [];
  let alice: Page;
  let bob: Page;

  beforeAll(async () => {
    world = await startAdminWorld(async (t) => {
      await seedDemo(t.db);
      await asSystem(t.db, 'test', (tx) =>
        tx.query(
          `update public.organization_members set role = 'admin'
           where user_id = (select id from auth.users where email = 'viewer@demo.test')`,
        ),
      );
    });
    contexts = [await world.newContext(), await world.newContext()];
    alice = await contexts[0]!.newPage();
    bob = await contexts[1]!.newPage();
    await signIn(alice, world.url, 'admin@demo.test', password);
    await signIn(bob, world.url, 'viewer@demo.test', password);
  }, 120_000);
  afterAll(async () => {
    await world?.close();
    expect(world?.offLoopback ?? []).toEqual([]);
  });

  it('lists services by group in display order', async () => {
    await serviceRow(alice, 'API').waitFor();
    expect(await sectionTitles(alice)).toEqual(['Core platform', 'Delivery']);
    expect(await namesIn(alice, 'Core platform')).toEqual(['API', 'Dashboard', 'Authentication', 'Managed databases']);
    expect(await seriousViolations(alice)).toEqual([]);
  });

  it("a service added into a group and a new group show in the other admin's list without a reload", async () => {
    await alice.locator('#add-name').fill('Status webhooks');
    await alice.locator('#add-description').fill('Outgoing notifications.');
    await alice.locator('#add-group_id').selectOption({ label: 'Delivery' });
    await alice.getByRole('button', { name: 'Add service' }).click();
    await serviceRow(bob, 'Status webhooks').waitFor();
    expect((await namesIn(bob, 'Delivery')).at(-1)).toBe('Status webhooks');

    // The API's message shows next to the field it names.
    await alice.getByRole('button', { name: 'Add service' }).click();
    await alice.locator('#add-name-error').waitFor();
    expect(await alice.locator('#add-name').getAttribute('aria-invalid')).toBe('true');

    await alice.getByLabel('Group name').fill('Edge');
    await alice.getByRole('button', { name: 'Add group' }).click();
    await bob.getByRole('region', { name: 'Edge', exact: true }).getByText('No services in this group yet').waitFor();

    await bob.getByRole('button', { name: 'Rename group Edge' }).click();
    await bob.getByLabel('New name of Edge').fill('Edge network');
    await bob.getByRole('button', { name: 'Save name' }).click();
    await alice.getByRole('heading', { name: 'Edge network' }).waitFor();
  });

  it('reorders by keyboard and by the move buttons; the other admin sees the new order live, and it stays', async () => {
    await alice.getByRole('button', { name: 'Reorder' }).click();
    const core = alice.getByRole('list', { name: 'Services of Core platform' });
    await core.waitFor();
    expect(await seriousViolations(alice), 'reorder').toEqual([]);
    await core.locator('li', { hasText: 'Dashboard' }).focus();
    await alice.keyboard.press('Alt+ArrowUp');
    await alice.getByRole('status').filter({ hasText: 'Dashboard moved to position 1 of 4.' }).waitFor();
    await expect
      .poll(() => namesIn(bob, 'Core platform'))
      .toEqual(['Dashboard', 'API', 'Authentication', 'Managed databases']);
    await alice.getByRole('button', { name: 'Move Delivery up' }).click();
    await expect.poll(() => sectionTitles(bob)).toEqual(['Delivery', 'Core platform', 'Edge network']);
    await alice.getByRole('button', { name: 'Done reordering' }).click();

    await bob.reload();
    await serviceRow(bob, 'API').waitFor();
    expect(await sectionTitles(bob)).toEqual(['Delivery', 'Core platform', 'Edge network']);
    expect((await namesIn(bob, 'Core platform')).slice(0, 2)).toEqual(['Dashboard', 'API']);
  });

  it("a service's page: 90-day uptime, the history with the message, live edits, and delete after a confirmation", async () => {
    const row = serviceRow(alice, 'API');
    await row.getByLabel('New status of API').selectOption('partial_outage');
    await row.getByLabel('Message for API (optional)').fill('Elevated error rates in eu-west');
    await row.getByRole('button', { name: 'Update' }).click();
    await row.locator('[data-status-text]', { hasText: 'Partial outage' }).waitFor();

    await serviceRow(bob, 'API').getByRole('link', { name: 'API' }).click();
    await bob.getByRole('heading', { name: 'API', level: 1 }).waitFor();
    await alice.getByRole('link', { name: 'API', exact: true }).click();
    await alice.getByRole('heading', { name: 'Status history' }).waitFor();
    expect(await alice.locator('uptime-bar [data-date]').count()).toBe(90);
    await alice.getByRole('img', { name: /uptime over the last 90 days/ }).waitFor();
    const latest = alice.locator('[data-history] li').first();
    expect(await latest.textContent()).toContain('Elevated error rates in eu-west');
    expect(await latest.locator('[data-status-text]').textContent()).toBe('Partial outage');
    expect(await seriousViolations(alice), 'service page').toEqual([]);

    await alice.locator('#edit-name').fill('');
    await alice.getByRole('button', { name: 'Save changes' }).click();
    await alice.locator('#edit-name-error').waitFor();
    await alice.locator('#edit-name').fill('Public API');
    await alice.locator('#edit-description').fill('REST and GraphQL at api.demo.test.');
    await alice.getByRole('button', { name: 'Save changes' }).click();
    await alice.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await bob.getByRole('heading', { name: 'Public API', level: 1 }).waitFor();
    await bob.getByText('REST and GraphQL at api.demo.test.').waitFor();

    await alice.getByRole('button', { name: 'Delete Public API' }).click();
    const dialog = alice.getByRole('dialog');
    await dialog.getByText('Delete Public API? It leaves the status page').waitFor();
    expect(await seriousViolations(alice), 'confirm dialog').toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await alice.getByRole('heading', { name: 'Public API', level: 1 }).count()).toBe(1);
    await alice.getByRole('button', { name: 'Delete Public API' }).click();
    await dialog.getByRole('button', { name: 'Delete Public API' }).click();
    await alice.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
    await bob.getByRole('heading', { name: 'Service deleted' }).waitFor();
    expect(await serviceRow(alice, 'Public API').count()).toBe(0);
  });

  it('deleting a group leaves its services without one, after a confirmation', async () => {
    const count = (await namesIn(alice, 'Delivery')).length;
    expect(count).toBeGreaterThan(1);
    await alice.getByRole('button', { name: 'Delete group Delivery' }).click();
    await alice.getByRole('dialog').getByText(`Its ${count} services stay, without a group.`).waitFor();
    await alice.getByRole('dialog').getByRole('button', { name: 'Delete Delivery' }).click();
    await alice.getByRole('region', { name: 'Other services', exact: true }).waitFor();
    expect(await namesIn(alice, 'Other services')).toContain('CDN');
    await bob.getByRole('link', { name: '← Services' }).click();
    await bob.getByRole('region', { name: 'Other services', exact: true }).waitFor();
    expect(await sectionTitles(bob)).toEqual(['Other services', 'Core platform', 'Edge network']);
  });

  it('a member changes statuses but sees no service, group or order editing', async () => {
    const context = await world.newContext();
    const member = await context.newPage();
    await signIn(member, world.url, 'member@demo.test', password);
    await serviceRow(member, 'Dashboard').locator('status-change').waitFor();
    for (const name of [
      'Reorder',
      'Add service',
      'Add group',
      'Rename group Core platform',
      'Delete group Core platform',
    ])
      expect(await member.getByRole('button', { name }).count(), name).toBe(0);
    await serviceRow(member, 'Dashboard').getByRole('link').click();
    await member.getByRole('heading', { name: 'Status history' }).waitFor();
    expect(await member.getByRole('heading', { name: 'Edit service' }).count()).toBe(0);
    expect(await member.getByRole('button', { name: /^Delete/ }).count()).toBe(0);
    await context.close();
  });

  it('light and dark, desktop and phone: the services, service and account screens; no serious axe violation', async () => {
    await mkdir(screenshotsDir, { recursive: true });
    const looks = [
      ['desktop-light', { viewport: { width: 1280, height: 900 }, colorScheme: 'light' }],
      ['desktop-dark', { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' }],
      ['phone-light', { viewport: { width: 390, height: 844 }, colorScheme: 'light', isMobile: true }],
      ['phone-dark', { viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true }],
    ] as const;
    const screens: [name: string, path: string, ready: (page: Page) => Promise<unknown>][] = [
      ['services-admin', 'services', (p) => serviceRow(p, 'Dashboard').waitFor()],
      [
        'services-reorder',
        'services',
        async (p) => {
          await serviceRow(p, 'Dashboard').waitFor();
          await p.getByRole('button', { name: 'Reorder' }).click();
          await p.getByRole('list', { name: 'Services of Core platform' }).waitFor();
        },
      ],
      [
        'service',
        'services/de000000-0000-4000-8000-0000000000c2',
        (p) => p.locator('[data-history] li').first().waitFor(),
      ],
      ['account', 'account', (p) => p.getByRole('heading', { name: 'Change password' }).waitFor()],
    ];
    for (const [look, options] of looks) {
      const context = await world.newContext(options);
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

  it('account: a wrong current password is shown at its field; a change ends the other sessions; sign out everywhere', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await signIn(page, world.url, 'member@demo.test', password);
    const other = await fetch(`${world.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'member@demo.test', password }),
    }).then((r) => r.json() as Promise<{ data: { refresh_token: string } }>);
    const refresh = (token: string) =>
      fetch(`${world.url}/api/auth/refresh`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refresh_token: token }),
      }).then((r) => r.status);

    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByLabel('Current password').fill('not-the-password');
    await page.getByLabel('New password').fill('a-new-member-password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('#old_password-error', { hasText: 'The current password is wrong' }).waitFor();
    expect(await page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Current password').fill(password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed; every other session was signed out.').waitFor();
    expect(await refresh(other.data.refresh_token)).toBe(401);
    // This tab got a fresh session and goes on working.
    await page.getByRole('link', { name: 'Services' }).click();
    await serviceRow(page, 'Dashboard').waitFor();

    await page.getByRole('link', { name: 'Account' }).click();
    const mine = await page.evaluate(
      () => (JSON.parse(localStorage.getItem('lantern.session')!) as { refresh_token: string }).refresh_token,
    );
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('heading', { name: 'Sign in to Lantern' }).waitFor();
    expect(await refresh(mine)).toBe(401);
    await signIn(page, world.url, 'member@demo.test', 'a-new-member-password');
    await context.close();
  });
});

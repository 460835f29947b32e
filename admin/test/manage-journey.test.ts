import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { seedDemo } from '../../api/src/db/seed.ts';
import { seriousViolations, signIn, startAdminWorld, type AdminWorld } from './browser-kit.ts';

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
    await pending.waitFor({ state: 'detached' });
    await admin.getByLabel('Email').fill('second.colleague@example.com');
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    await admin.locator('[data-invitation="second.colleague@example.com"]').waitFor();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { readMailbox } from '../../api/test/mailbox.ts';
import { serviceRow, seriousViolations, startAdminWorld, type AdminWorld } from './browser-kit.ts';

/** The newest link to `path` mailed to `to`, moved onto the test server's origin. */
async function mailedLink(world: AdminWorld, to: string, path: string): Promise<string> {
  const mails = (await readMailbox(world.t.dataDir)).filter((mail) => mail.to.includes(to)).reverse();
  const link = mails
    .map((mail) => new RegExp(`https?://\\S+(${path}\\?token=[A-Za-z0-9_-]+)`).exec(mail.text))
    .find(Boolean);
  if (!link) throw new Error(`no ${path} link mailed to ${to}`);
  return `${world.url}${link[1]}`;
}

// A newcomer on a fresh database, in Chromium against the real API server.
describe('admin journey: sign up → verify by mail → sign in → org → service → status → public JSON', () => {
  let world: AdminWorld;
  let context: BrowserContext;
  let page: Page;
  const email = 'grace@example.test';
  const password = 'compiler-pioneer-1952';

  beforeAll(async () => {
    world = await startAdminWorld();
    context = await world.newContext();
    page = await context.newPage();
  }, 120_000);
  afterAll(async () => {
    await world?.close();
    expect(world?.offLoopback ?? []).toEqual([]);
  });

  async function expectAccessible() {
    expect(await seriousViolations(page), page.url()).toEqual([]);
  }

  it('GET / leads a signed-out visitor to sign-in; sign-up asks to check the mail, where the link is', async () => {
    await page.goto(`${world.url}/`);
    await page.getByRole('heading', { name: 'Sign in to Lantern' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/sign-in');
    await expectAccessible();
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await expectAccessible();
    await page.getByLabel('Your name').fill('Grace');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    // The API's message for the field shows next to it.
    await page.locator('#password-error').waitFor();
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    // The same answer whatever the address: no session until the address is confirmed.
    await page.getByRole('heading', { name: 'Check your mail' }).waitFor();
    await page.getByText(`We sent a link to ${email}`).waitFor();
    await expectAccessible();
    // Not confirmed yet: signing in fails with the one answer for every failure.
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('or the address is not confirmed yet').waitFor();
  });

  it('the mailed verify link opens a working page that confirms the address', async () => {
    const link = await mailedLink(world, email, '/verify-email');
    await page.goto(link);
    await page.getByRole('heading', { name: 'Email confirmed' }).waitFor();
    // The single-use token left the address bar.
    expect(page.url()).toBe(`${world.url}/admin/verify-email`);
    await expectAccessible();
  });

  it('signs in from the confirmation page, then creates an organization', async () => {
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Sign in to Lantern' }).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Create your first organization' }).waitFor();
    await page.getByLabel('Name').fill('Journey Co');
    expect(await page.getByLabel('Slug').inputValue()).toBe('journey-co');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
    await page.getByText('No services yet. Add the first one below.').waitFor();
    await expectAccessible();
  });

  it('adds a service, changes its status with a message, and the public JSON shows it', async () => {
    await page.getByLabel('Name', { exact: true }).fill('Checkout API');
    await page.getByRole('button', { name: 'Add service' }).click();
    const row = serviceRow(page, 'Checkout API');
    await row.locator('[data-status-text]', { hasText: 'Operational' }).waitFor();
    await row.getByLabel('New status of Checkout API').selectOption('major_outage');
    await row.getByLabel('Message for Checkout API (optional)').fill('Payments fail');
    await row.getByRole('button', { name: 'Update' }).click();
    await row.locator('[data-status-text]', { hasText: 'Major outage' }).waitFor();
    await expectAccessible();
    const res = await fetch(`${world.url}/api/public/status/journey-co`);
    const body = (await res.json()) as { data: { services: { name: string; status: string }[] } };
    expect(body.data.services.map((s) => [s.name, s.status])).toEqual([['Checkout API', 'major_outage']]);
  });

  it('opens an incident on the service, posts an update and resolves it; a deep link survives a reload', async () => {
    await page.getByRole('link', { name: 'Incidents' }).click();
    await page.getByText('No open incident. All quiet.').waitFor();
    await expectAccessible();
    await page.getByRole('link', { name: 'New incident' }).click();
    await page.getByLabel('Title').fill('Payments failing');
    await page.getByRole('checkbox', { name: 'Checkout API' }).check();
    await page.getByLabel('Status of Checkout API during the incident').selectOption('major_outage');
    await page.getByLabel('First update').fill('We are looking into failed payments.');
    await expectAccessible();
    await page.getByRole('button', { name: 'Open incident' }).click();
    await page.getByRole('heading', { name: 'Payments failing' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Payments failing' }).waitFor();
    await expectAccessible();
    const post = page.getByRole('region', { name: 'Post an update' });
    await post.getByLabel('State').selectOption('identified');
    await post.getByLabel('Message').fill('A bad deploy; rolling back.');
    await post.getByRole('button', { name: 'Post update' }).click();
    await page.getByText('A bad deploy; rolling back.').waitFor();
    await page.getByRole('button', { name: 'Resolve incident' }).click();
    await page.locator('[data-incident-state]', { hasText: 'Resolved' }).waitFor();
    await page.getByRole('link', { name: '← Incidents' }).click();
    await page
      .locator('li[data-incident-id]', { hasText: 'Payments failing' })
      .getByText(/Resolved/)
      .waitFor();
  });

  it('resets a forgotten password through the mailed link', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    // The sign-in screen has an Email field too: fill the one of the reset screen, once it is there.
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('a link to choose a new password is on its way').waitFor();
    await page.goto(await mailedLink(world, email, '/reset-password'));
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await expectAccessible();
    await page.getByLabel('New password').fill('a-brand-new-passphrase');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('heading', { name: 'Password changed' }).waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('a-brand-new-passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
  });

  it('signing up again with the address shows the same screen, mails its owner, and keeps ?next= for sign-in', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Lantern' }).waitFor();
    await page.goto(`${world.url}/admin/sign-up?next=${encodeURIComponent('/admin/account')}`);
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('someone-elses-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your mail' }).waitFor();
    await page.getByText(`We sent a link to ${email}`).waitFor();
    const mails = (await readMailbox(world.t.dataDir)).filter((mail) => mail.to.includes(email));
    expect(mails.at(-1)!.subject).toBe('You already have a Lantern account');
    // Both links of that mail open working screens (moved onto the test server's origin), in a tab
    // of their own so this one keeps its screen.
    const tab = await context.newPage();
    for (const [path, heading] of [
      ['/admin/forgot-password', 'Reset your password'],
      ['/admin/sign-in', 'Sign in to Lantern'],
    ] as const) {
      const link = new RegExp(`https?://\\S+(${path})\\s`).exec(mails.at(-1)!.text);
      expect(link, `${path} in the mail`).not.toBeNull();
      await tab.goto(`${world.url}${link![1]}`);
      await tab.getByRole('heading', { name: heading }).waitFor();
    }
    await tab.close();
    // The account is as it was: its own password signs in, and sign-in goes where sign-up was asked to.
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Sign in to Lantern' }).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('a-brand-new-passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Change password' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/account');
  });
});

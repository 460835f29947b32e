import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { seedDemo } from '../../api/src/db/seed.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../api/test/webhook-receiver.ts';
import { screenshotsDir, seriousViolations, signIn, startAdminWorld, type AdminWorld } from './browser-kit.ts';

const password = 'lantern-demo';

// The demo admin wires the org to the outside: a webhook to a receiver on loopback (reached as
// `receiver.test` through the tests' Outbound; WEBHOOK_ALLOW_PRIVATE lets the API accept it), its
// secret seen once, a test delivery and its response code; then the status page's subscribers.
describe('admin journey: webhooks and subscribers', () => {
  let world: AdminWorld;
  let context: BrowserContext;
  let admin: Page;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    world = await startAdminWorld((t) => seedDemo(t.db).then(() => undefined), { WEBHOOK_ALLOW_PRIVATE: 'true' });
    receiver = await startWebhookReceiver();
    context = await world.newContext();
    admin = await context.newPage();
    await signIn(admin, world.url, 'admin@demo.test', password);
  }, 120_000);
  afterAll(async () => {
    await receiver?.close();
    await world?.close();
    expect(world?.offLoopback ?? []).toEqual([]);
  });

  it('creates a webhook (secret shown once), sends a test and sees its delivery with the response code, edits it', async () => {
    await admin.getByRole('link', { name: 'Integrations' }).click();
    await admin.getByRole('link', { name: 'Webhooks', exact: true }).click();
    await admin.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await admin.getByText('No webhook yet').waitFor();

    // A URL the API refuses: its message sits under the field (the error body's details).
    await admin.getByLabel('URL').fill('ftp://receiver.test/hook');
    await admin.getByRole('button', { name: 'Add webhook' }).click();
    await admin.locator('#url-error').waitFor();
    expect(await admin.getByLabel('URL').getAttribute('aria-invalid')).toBe('true');

    const url = receiver.url('/lantern');
    await admin.getByLabel('URL').fill(url);
    await admin.getByLabel('Description (optional)').fill('Ops receiver');
    await admin.getByRole('button', { name: 'Add webhook' }).click();
    const secret = admin.getByLabel('Signing secret');
    await secret.waitFor();
    expect(await secret.inputValue()).toMatch(/^whsec_/);
    expect(await seriousViolations(admin), 'webhook created').toEqual([]);
    await admin.getByRole('button', { name: 'Done, hide the secret' }).click();
    await secret.waitFor({ state: 'detached' });

    const row = admin.locator(`li[data-webhook="${url}"]`);
    await row.getByText('Enabled').waitFor();
    await row.getByText('Services: all').waitFor();
    expect(await row.textContent()).toContain('standard');
    expect(await row.textContent()).not.toContain('service.status_changed');
    // Shown once: a reload lists the webhook without it.
    await admin.reload();
    await row.waitFor();
    expect(await admin.getByLabel('Signing secret').count()).toBe(0);

    await row.getByRole('button', { name: /^Send test/ }).click();
    await row.getByText('Test queued').waitFor();
    // The outbox sends it (tests drive the worker; nothing sleeps), then the list shows the attempt.
    await world.t.deps.outbox!.drain();
    expect(receiver.received.map((r) => r.path)).toEqual(['/lantern']);
    await row.getByRole('button', { name: /^Refresh deliveries/ }).click();
    const attempt = row.locator('tr[data-delivery]').first();
    await attempt.locator('[data-response-code]', { hasText: '204' }).waitFor();
    expect(await attempt.textContent()).toMatch(/webhook\.test[\s\S]*delivered[\s\S]*\d+ ms/);
    expect(await seriousViolations(admin), 'deliveries').toEqual([]);

    await row.getByRole('button', { name: /^Edit/ }).click();
    await admin.getByRole('heading', { name: 'Edit webhook' }).waitFor();
    await admin.getByRole('checkbox', { name: 'service.status_changed' }).check();
    await admin.getByRole('checkbox', { name: 'API' }).check();
    await admin.getByRole('button', { name: 'Save webhook' }).click();
    await row.getByText(/Events: .*service\.status_changed/).waitFor();
    await row.getByText('Services: API').waitFor();
  });

  it('shows the subscriber count after people subscribe on the public API, searches, removes one and exports CSV', async () => {
    for (const email of ['alice@example.com', 'bob@example.com']) {
      const res = await fetch(`${world.url}/api/public/status/demo/subscribers`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email }),
      });
      expect(res.status).toBe(202);
    }
    await admin.getByRole('link', { name: '← Integrations' }).click();
    await admin.getByRole('link', { name: 'Subscribers', exact: true }).click();
    await admin.getByRole('heading', { name: '2 subscribers', exact: true }).waitFor();
    await admin
      .locator('[data-subscriber="bob@example.com"]')
      .getByText(/waiting to confirm/)
      .waitFor();
    expect(await seriousViolations(admin), 'subscribers').toEqual([]);

    await admin.getByLabel('Search by email').fill('alice');
    await admin.getByRole('button', { name: 'Search', exact: true }).click();
    await admin.getByRole('heading', { name: /1 subscriber matching/ }).waitFor();
    await admin.getByRole('button', { name: 'Remove alice@example.com' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByText('Remove alice@example.com?').waitFor();
    await dialog.getByRole('button', { name: 'Remove alice@example.com' }).click();
    await admin.getByRole('heading', { name: /0 subscribers matching/ }).waitFor();

    await admin.getByLabel('Search by email').fill('');
    await admin.getByRole('button', { name: 'Search', exact: true }).click();
    await admin.getByRole('heading', { name: '1 subscriber', exact: true }).waitFor();
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('demo-subscribers.csv');
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toContain('bob@example.com');
    expect(csv).not.toContain('alice@example.com');
  });

  it('light and dark desktop, and phone width: no serious axe violation, nothing wider than the screen; screenshots', async () => {
    await mkdir(screenshotsDir, { recursive: true });
    const screens: [name: string, path: string, ready: (page: Page) => Promise<unknown>][] = [
      ['webhooks', 'webhooks', (p) => p.locator('li[data-webhook] [data-response-code]').first().waitFor()],
      ['subscribers', 'subscribers', (p) => p.locator('[data-subscriber]').first().waitFor()],
    ];
    // One signed-in context per width; light and dark are switched on the same page.
    const widths = [
      ['desktop', { viewport: { width: 1280, height: 900 } }],
      ['phone', { viewport: { width: 390, height: 844 }, isMobile: true }],
    ] as const;
    for (const [width, options] of widths) {
      const context = await world.newContext(options);
      const page = await context.newPage();
      await signIn(page, world.url, 'admin@demo.test', password);
      for (const [name, path, ready] of screens) {
        await page.goto(`${world.url}/admin/${path}`);
        // The webhooks screen shows its deliveries once opened.
        if (name === 'webhooks') await page.getByRole('button', { name: /^Deliveries/ }).click();
        await ready(page);
        for (const scheme of ['light', 'dark'] as const) {
          const look = `${width}-${scheme}`;
          await page.emulateMedia({ colorScheme: scheme });
          expect(await seriousViolations(page), `${name} ${look}`).toEqual([]);
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${name} ${look}`).toBe(
            true,
          );
          await page.screenshot({ path: join(screenshotsDir, `admin-${name}-${look}.png`), fullPage: true });
        }
      }
      await context.close();
    }
  }, 120_000);

  it('pages the deliveries: the newest 50 first, the older ones on "Show more"', async () => {
    const url = receiver.url('/lantern');
    await admin.goto(`${world.url}/admin/webhooks`);
    const row = admin.locator(`li[data-webhook="${url}"]`);
    await row.getByRole('button', { name: /^Deliveries/ }).click();
    await row.locator('[data-response-code]', { hasText: '204' }).waitFor();
    // 50 more test deliveries: the first one (delivered, 204) moves to the second page.
    const [hook] = await world.t.db.query<{ id: string; org_id: string; user_id: string }>(
      `select w.id, w.org_id, u.id as user_id from public.webhooks w, auth.users u where w.url = $1 and u.email = $2`,
      [url, 'admin@demo.test'],
    );
    const token = await world.t.tokens.sign(hook!.user_id, 'admin@demo.test');
    for (let i = 0; i < 50; i++) {
      const res = await world.t.app.request(`/api/organizations/${hook!.org_id}/webhooks/${hook!.id}/test`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(202);
    }
    await row.getByRole('button', { name: /^Refresh deliveries/ }).click();
    const more = row.getByRole('button', { name: /^Show more deliveries/ });
    await more.waitFor();
    const deliveryIds = () =>
      row
        .locator('tr[data-delivery]')
        .evaluateAll((rows) => new Set(rows.map((r) => r.getAttribute('data-delivery'))).size);
    expect(await deliveryIds()).toBe(50);
    expect(await row.locator('[data-response-code]', { hasText: '204' }).count()).toBe(0);
    expect(await seriousViolations(admin), 'a page of deliveries').toEqual([]);
    await more.scrollIntoViewIfNeeded();
    await admin.screenshot({ path: join(screenshotsDir, 'admin-webhook-deliveries-more-desktop-light.png') });
    await more.click();
    await more.waitFor({ state: 'detached' });
    expect(await deliveryIds()).toBe(51);
    // The oldest, the first test delivery with its 204, is last.
    await row.locator('tr[data-delivery]').last().locator('[data-response-code]', { hasText: '204' }).waitFor();
  });

  it("shows another admin's new webhook and its removal live, without a reload", async () => {
    const [demo] = await world.t.db.query<{ org_id: string; user_id: string }>(
      `select m.org_id, m.user_id from public.organization_members m join auth.users u on u.id = m.user_id
        where u.email = $1`,
      ['admin@demo.test'],
    );
    const token = await world.t.tokens.sign(demo!.user_id, 'admin@demo.test');
    const call = (method: string, path: string, body?: unknown) =>
      world.t.app.request(`/api/organizations/${demo!.org_id}/webhooks${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    await admin.goto(`${world.url}/admin/webhooks`);
    await admin.locator('li[data-webhook]').first().waitFor();
    const url = receiver.url('/elsewhere');
    const created = await call('POST', '', { url, description: 'Added elsewhere' });
    expect(created.status).toBe(201);
    const row = admin.locator(`li[data-webhook="${url}"]`);
    await row.getByText('Added elsewhere').waitFor();
    const { data } = (await created.json()) as { data: { id: string } };
    expect((await call('DELETE', `/${data.id}`)).status).toBe(204);
    await row.waitFor({ state: 'detached' });
  });

  it('a viewer gets no webhook or subscriber controls', async () => {
    const context = await world.newContext();
    const viewer = await context.newPage();
    await signIn(viewer, world.url, 'viewer@demo.test', password);
    await viewer.getByRole('link', { name: 'Integrations' }).click();
    await viewer.getByText("Admins manage the org's webhooks").waitFor();
    expect(await viewer.getByRole('link', { name: 'Webhooks', exact: true }).count()).toBe(0);
    await viewer.goto(`${world.url}/admin/webhooks`);
    await viewer.getByText('Only admins manage webhooks.').waitFor();
    expect(await viewer.getByRole('button', { name: /^Send test|^Add webhook/ }).count()).toBe(0);
    await viewer.goto(`${world.url}/admin/subscribers`);
    await viewer.getByText("Only admins see the status page's subscribers.").waitFor();
    await context.close();
  });

  it('deletes the webhook after a confirmation', async () => {
    await admin.goto(`${world.url}/admin/webhooks`);
    await admin.getByRole('button', { name: /^Delete/ }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByText(/Delete the webhook to .*receiver\.test/).waitFor();
    await dialog.getByRole('button', { name: 'Delete webhook' }).click();
    await admin.getByText('No webhook yet').waitFor();
  });
});

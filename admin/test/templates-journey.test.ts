import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { seedDemo } from '../../api/src/db/seed.ts';
import { screenshotsDir, seriousViolations, signIn, startAdminWorld, type AdminWorld } from './browser-kit.ts';

const password = 'lantern-demo';

// Templates: the demo member writes an incident and a maintenance template, then opens an incident
// and schedules a maintenance from them in one click, changing the filled form before sending it;
// the demo viewer reads the templates without any control to change them.
describe('admin journey: templates', () => {
  let world: AdminWorld;
  let context: BrowserContext;
  let member: Page;

  beforeAll(async () => {
    world = await startAdminWorld((t) => seedDemo(t.db).then(() => undefined));
    context = await world.newContext({ timezoneId: 'Europe/Berlin' });
    member = await context.newPage();
    member.on('dialog', (dialog) => void dialog.accept());
    await signIn(member, world.url, 'member@demo.test', password);
  }, 120_000);
  afterAll(async () => {
    await world?.close();
    expect(world?.offLoopback ?? []).toEqual([]);
  });

  it('writes an incident template and opens an incident from it, edited before sending', async () => {
    await member.getByRole('link', { name: 'Templates' }).click();
    await member.getByRole('heading', { name: 'Incident templates' }).waitFor();
    await member.getByText('No incident template yet.').waitFor();
    expect(await seriousViolations(member), 'templates, empty').toEqual([]);

    await member.getByRole('link', { name: 'New incident template' }).click();
    await member.getByRole('heading', { name: 'New incident template' }).waitFor();
    await member.getByLabel('Template name').fill('API outage');
    await member.getByLabel('Incident title').fill('API requests are failing');
    await member.getByLabel('Impact').selectOption('major');
    await member.getByRole('checkbox', { name: 'API' }).check();
    await member.getByLabel('Status of API during the incident').selectOption('major_outage');
    await member.getByLabel('First update').fill('We are investigating failing API requests.');
    expect(await seriousViolations(member), 'new template').toEqual([]);
    await member.getByRole('button', { name: 'Create template' }).click();

    const row = member.locator('li[data-template-id]', { hasText: 'API outage' });
    await row.getByText(/API requests are failing.*Major impact.*1 service/).waitFor();
    expect(await seriousViolations(member), 'templates').toEqual([]);

    // One click: the new-incident form, filled from the template.
    await row.getByRole('link', { name: 'New incident from template' }).click();
    await member.getByText('From the template API outage').waitFor();
    const title = member.getByLabel('Title');
    await expect.poll(() => title.inputValue()).toBe('API requests are failing');
    expect(await member.getByLabel('Impact').inputValue()).toBe('major');
    await expect.poll(() => member.getByRole('checkbox', { name: 'API' }).isChecked()).toBe(true);
    expect(await member.getByLabel('Status of API during the incident').inputValue()).toBe('major_outage');
    expect(await member.getByLabel('First update').inputValue()).toBe('We are investigating failing API requests.');
    expect(await seriousViolations(member), 'new incident from template').toEqual([]);

    await title.fill('API requests are failing in eu-west');
    await member.getByRole('button', { name: 'Open incident' }).click();
    await member.getByRole('heading', { name: 'API requests are failing in eu-west', level: 1 }).waitFor();
    await member.getByText('We are investigating failing API requests.').waitFor();

    // The incident holds API at the template's status; the template itself is unchanged.
    const token = await member.evaluate(
      () => (JSON.parse(localStorage.getItem('lantern.session')!) as { access_token: string }).access_token,
    );
    const api = (path: string) =>
      fetch(`${world.url}/api/organizations/de000000-0000-4000-8000-000000000001${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      }).then((res) => res.json() as Promise<{ data: { name: string; status: string; title: string }[] }>);
    expect((await api('/services')).data.find((s) => s.name === 'API')?.status).toBe('major_outage');
    expect((await api('/templates')).data.map((t) => t.title)).toEqual(['API requests are failing']);

    // From the incidents list, the template is one click away too.
    await member.getByRole('link', { name: 'Incidents', exact: true }).click();
    await member
      .getByRole('navigation', { name: 'New incident from a template' })
      .getByRole('link', { name: 'API outage' })
      .click();
    await member.getByText('From the template API outage').waitFor();
  });

  it('writes a maintenance template with a usual length and schedules a window from it', async () => {
    await member.getByRole('link', { name: 'Templates' }).click();
    await member.getByRole('link', { name: 'New maintenance template' }).click();
    await member.getByLabel('Template name').fill('Database upgrade');
    await member.getByLabel('Maintenance title').fill('Database version upgrade');
    await member.getByLabel('Usual length in minutes (optional)').fill('90');
    await member.getByRole('checkbox', { name: 'API' }).check();
    await member.getByLabel('First update').fill('Writes pause for a few seconds at the switch-over.');
    await member.getByRole('button', { name: 'Create template' }).click();
    const row = member.locator('li[data-template-id]', { hasText: 'Database upgrade' });
    await row.getByText(/90 min/).waitFor();

    // Edit it: a new title, saved.
    await row.getByRole('link', { name: 'Edit Database upgrade' }).click();
    const title = member.getByLabel('Maintenance title');
    await expect.poll(() => title.inputValue()).toBe('Database version upgrade');
    await title.fill('Database major version upgrade');
    await member.getByRole('button', { name: 'Save template' }).click();
    await row.getByText(/Database major version upgrade/).waitFor();

    await member.getByRole('link', { name: 'Maintenances', exact: true }).click();
    await member
      .getByRole('navigation', { name: 'New maintenance from a template' })
      .getByRole('link', { name: 'Database upgrade' })
      .click();
    await member.getByText('From the template Database upgrade').waitFor();
    await expect.poll(() => member.getByLabel('Title').inputValue()).toBe('Database major version upgrade');
    expect(await member.getByRole('checkbox', { name: 'API' }).isChecked()).toBe(true);
    expect(await member.getByLabel('First update (optional)').inputValue()).toBe(
      'Writes pause for a few seconds at the switch-over.',
    );
    // The template's length sets the end: 90 minutes after the start.
    const starts = await member.getByLabel('Starts').inputValue();
    const ends = await member.getByLabel('Ends').inputValue();
    expect(Date.parse(`${ends}:00Z`) - Date.parse(`${starts}:00Z`)).toBe(90 * 60_000);
    expect(await seriousViolations(member), 'new maintenance from template').toEqual([]);

    await member.getByLabel('Starts').fill('2031-03-03T22:00');
    await member.getByLabel('Ends').fill('2031-03-03T23:30');
    await member.getByRole('button', { name: 'Schedule maintenance' }).click();
    await member.getByRole('heading', { name: 'Database major version upgrade', level: 1 }).waitFor();
  });

  it('shows a viewer the templates without controls, and deletes one as a member', async () => {
    const viewerContext = await world.newContext();
    const viewer = await viewerContext.newPage();
    await signIn(viewer, world.url, 'viewer@demo.test', password);
    await viewer.getByRole('link', { name: 'Templates' }).click();
    await viewer.locator('li[data-template-id]', { hasText: 'API outage' }).waitFor();
    expect(await viewer.getByRole('link', { name: /New .* template|from template/ }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: /Delete/ }).count()).toBe(0);
    await viewer.goto(`${world.url}/admin/incidents`);
    await viewer.getByRole('heading', { name: 'Open' }).waitFor();
    expect(await viewer.getByRole('navigation', { name: 'New incident from a template' }).count()).toBe(0);

    await member.getByRole('link', { name: 'Templates' }).click();
    const row = member.locator('li[data-template-id]', { hasText: 'API outage' });
    await row.getByRole('button', { name: 'Delete API outage' }).click();
    await row.waitFor({ state: 'detached' });
    // The viewer reads the list again and finds it gone.
    await viewer.getByRole('link', { name: 'Templates' }).click();
    await viewer.locator('li[data-template-id]', { hasText: 'Database upgrade' }).waitFor();
    expect(await viewer.locator('li[data-template-id]', { hasText: 'API outage' }).count()).toBe(0);
    await viewerContext.close();
  });
  it('light and dark desktop, and phone width: no serious axe violation, nothing wider than the screen; screenshots', async () => {
    await mkdir(screenshotsDir, { recursive: true });
    const token = await member.evaluate(
      () => (JSON.parse(localStorage.getItem('lantern.session')!) as { access_token: string }).access_token,
    );
    const orgPath = `${world.url}/api/organizations/de000000-0000-4000-8000-000000000001`;
    const created = await fetch(`${orgPath}/templates`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        kind: 'incident',
        name: 'CDN degradation',
        title: 'Slow downloads from some regions',
        message: 'Some edge locations serve files slowly; we are rerouting traffic.',
        impact: 'minor',
        services: [
          { service_id: 'de000000-0000-4000-8000-0000000000c5', status: 'degraded_performance' },
          { service_id: 'de000000-0000-4000-8000-0000000000c6', status: 'degraded_performance' },
        ],
      }),
    });
    const { data: template } = (await created.json()) as { data: { id: string } };
    const screens: [name: string, path: string, ready: (page: Page) => Promise<unknown>][] = [
      ['templates', 'templates', (p) => p.locator('li[data-template-id]', { hasText: 'CDN degradation' }).waitFor()],
      [
        'template',
        `templates/${template.id}`,
        (p) => p.getByRole('heading', { name: 'Template: CDN degradation' }).waitFor(),
      ],
      [
        'new-incident-from-template',
        `incidents/new?template=${template.id}`,
        (p) => p.getByText('From the template CDN degradation').waitFor(),
      ],
    ];
    const looks = [
      ['desktop-light', { viewport: { width: 1280, height: 900 }, colorScheme: 'light' }],
      ['desktop-dark', { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' }],
      ['phone-light', { viewport: { width: 390, height: 844 }, colorScheme: 'light', isMobile: true }],
    ] as const;
    for (const [look, options] of looks) {
      const context = await world.newContext(options);
      const page = await context.newPage();
      await signIn(page, world.url, 'member@demo.test', password);
      for (const [name, path, ready] of screens) {
        await page.goto(`${world.url}/admin/${path}`);
        await ready(page);
        expect(await seriousViolations(page), `${name} ${look}`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${name} ${look}`).toBe(
          true,
        );
        if (look !== 'phone-light' || name === 'templates')
          await page.screenshot({ path: join(screenshotsDir, `admin-${name}-${look}.png`), fullPage: true });
      }
      await context.close();
    }
    // Nine screens, each checked by axe and drawn: slower than one step of a journey.
  }, 180_000);
});

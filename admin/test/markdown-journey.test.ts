import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { seedDemo } from '../../api/src/db/seed.ts';
import { seriousViolations, signIn, startAdminWorld, type AdminWorld } from './browser-kit.ts';

// A member writes an incident in Markdown: backdates its start, previews an update before posting it,
// corrects and deletes timeline entries, resolves it and writes its post-mortem. What the preview and
// the timeline show is what the public page shows: rendered, with no raw HTML and no script link.
describe('admin journey: Markdown updates, timeline edits and the post-mortem', () => {
  let world: AdminWorld;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    world = await startAdminWorld((t) => seedDemo(t.db).then(() => undefined));
    context = await world.newContext({ timezoneId: 'UTC' });
    page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await signIn(page, world.url, 'member@demo.test', 'lantern-demo');
  }, 120_000);
  afterAll(async () => {
    await world?.close();
    expect(world?.offLoopback ?? []).toEqual([]);
  });

  const incidentRow = (title: string) =>
    world.t.db.query<{ id: string; started_at: Date; postmortem: string | null }>(
      'select id, started_at, postmortem from public.incidents where title = $1',
      [title],
    );

  it('opens a backdated incident', async () => {
    const started = new Date(world.t.clock.now().getTime() - 3 * 3_600_000);
    started.setUTCSeconds(0, 0);
    await page.goto(`${world.url}/admin/incidents/new`);
    await page.getByLabel('Title').fill('Search is slow');
    await page.getByLabel('Started at (optional, your local time)').fill(started.toISOString().slice(0, 16));
    await page.getByRole('checkbox', { name: 'Managed databases' }).check();
    await page.getByLabel('First update').fill('Looking into it.');
    await page.getByRole('button', { name: 'Open incident' }).click();
    await page.getByRole('heading', { name: 'Search is slow', level: 1 }).waitFor();
    const [row] = await incidentRow('Search is slow');
    expect(row!.started_at.toISOString()).toBe(started.toISOString());
  });

  it('previews an update as the public page renders it, then posts it', async () => {
    // The API's clock stands still in tests: move it, so the timeline's order and edit times are real.
    world.t.clock.advance(60_000);
    const post = page.getByRole('region', { name: 'Post an update' });
    await post
      .getByLabel('Message')
      .fill('**Root cause** found: see [runbook](https://example.com/rb) <img src=x onerror="window.pwned=1">');
    const preview = post.locator('markdown-view[data-preview="update-message"]');
    await preview.locator('strong', { hasText: 'Root cause' }).waitFor();
    expect(await preview.locator('a').getAttribute('href')).toBe('https://example.com/rb');
    expect(await preview.locator('img').count()).toBe(0);
    expect(await preview.locator('.markdown').textContent()).toContain('<img src=x onerror="window.pwned=1">');
    expect(await seriousViolations(page), 'incident with a preview').toEqual([]);
    await post.getByLabel('State').selectOption('identified');
    await post.getByRole('button', { name: 'Post update' }).click();

    const latest = page.locator('incident-timeline li').first();
    await latest.locator('markdown-view strong', { hasText: 'Root cause' }).waitFor();
    expect(await latest.locator('img').count()).toBe(0);
    expect(await post.getByLabel('Message').inputValue()).toBe('');
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
  });

  it('edits an update in place and deletes another', async () => {
    world.t.clock.advance(60_000);
    const latest = page.locator('incident-timeline li').first();
    await latest.getByRole('button', { name: /^Edit the update of/ }).click();
    const text = latest.getByLabel('Message');
    expect(await text.inputValue()).toMatch(/^\*\*Root cause\*\* found/);
    await text.fill('Root cause **confirmed**: a missing index.');
    await latest.locator('markdown-view[data-preview] strong', { hasText: 'confirmed' }).waitFor();
    await latest.getByRole('button', { name: 'Save' }).click();
    await latest.locator('markdown-view strong', { hasText: 'confirmed' }).waitFor();
    await latest.getByText(/edited/).waitFor();
    // The entry keeps its status: only the text changed.
    expect(await latest.locator('strong').first().textContent()).toBe('Identified');

    const first = page.locator('incident-timeline li', { hasText: 'Looking into it.' });
    await first.getByRole('button', { name: /^Delete the update of/ }).click();
    await first.waitFor({ state: 'detached' });
    expect(dialogs.at(-1)).toMatch(/^Delete the update of/);
    expect(await page.locator('incident-timeline li').count()).toBe(1);
  });

  it('resolves the incident and writes its post-mortem, previewed first', async () => {
    expect(await page.getByRole('button', { name: 'Write post-mortem' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Resolve incident' }).click();
    await page.locator('[data-incident-state]', { hasText: 'Resolved' }).waitFor();
    await page.getByRole('button', { name: 'Write post-mortem' }).click();
    await page
      .getByRole('textbox', { name: /^Post-mortem/ })
      .fill('A **missing index** made search scan.\n\n- added the index\n- added an alert');
    const section = page.locator('incident-postmortem');
    await section.locator('markdown-view[data-preview] strong', { hasText: 'missing index' }).waitFor();
    await page.getByRole('button', { name: 'Save post-mortem' }).click();
    const shown = section.locator('markdown-view[data-postmortem]');
    await shown.locator('li', { hasText: 'added an alert' }).waitFor();
    expect(await shown.locator('strong').textContent()).toBe('missing index');
    const [row] = await incidentRow('Search is slow');
    expect(row!.postmortem).toBe('A **missing index** made search scan.\n\n- added the index\n- added an alert');
    expect(await seriousViolations(page), 'resolved incident with its post-mortem').toEqual([]);
  });
});

// Screenshots of /widget/demo.html, light and dark, into docs/screenshots/ (Debian's Chromium, a real
// API on a fresh database with the demo org).
//   npx node widget/scripts/screenshot-demo.ts
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startTestApi } from '../test/test-api.ts';
import { ensureWidgetBuilt } from './ensure-built.ts';

const out = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
mkdirSync(out, { recursive: true });
await ensureWidgetBuilt();
const api = await startTestApi();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
});
try {
  for (const colorScheme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, colorScheme });
    await page.goto(`${api.url}/widget/demo.html`);
    // Every badge shows a status (not "Checking status…") and the toast has slid in.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('status-badge')].every(
        (badge) => !badge.shadowRoot?.textContent?.includes('Checking') && badge.shadowRoot?.childElementCount !== 0,
      ),
    );
    await page.waitForTimeout(600); // the toast's slide-in animation (0.3 s) has ended
    await page.screenshot({ path: `${out}widget-demo-${colorScheme}.png`, fullPage: true });
    await page.close();
  }
} finally {
  await browser.close();
  await api.close();
}
console.log(`Screenshots in ${out}`);

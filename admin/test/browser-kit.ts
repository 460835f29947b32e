import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestContext, type TestContext } from '../../api/test/test-app.ts';
import { serveApp } from '../../api/test/streams.ts';

const axePath = fileURLToPath(import.meta.resolve('axe-core/axe.min.js'));
const loopback = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** docs/screenshots/ is refreshed on purpose (UPDATE_SCREENSHOTS=1); ordinary runs keep the tree clean. */
export const screenshotsDir = fileURLToPath(
  new URL(
    process.env.UPDATE_SCREENSHOTS === '1' ? '../../docs/screenshots/' : '../../.tmp/screenshots/',
    import.meta.url,
  ),
);

/** A real API server (the production listener) on a fresh database, and Debian's Chromium. */
export interface AdminWorld {
  t: TestContext;
  url: string;
  browser: Browser;
  /** Requests that tried to leave this machine (must stay empty). */
  offLoopback: string[];
  newContext(options?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startAdminWorld(
  prepare: (t: TestContext) => Promise<void> = async () => {},
  /** The server's environment beyond the test defaults (e.g. `WEBHOOK_ALLOW_PRIVATE` for a loopback receiver). */
  env: Record<string, string> = {},
): Promise<AdminWorld> {
  const t = await createTestContext(env);
  await prepare(t);
  const server = await serveApp(t.app, t.deps);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
  });
  const offLoopback: string[] = [];
  return {
    t,
    url: server.url,
    browser,
    offLoopback,
    async newContext(options = {}) {
      // bypassCSP: axe-core is injected as an inline script, which the admin's CSP refuses.
      const context = await browser.newContext({ bypassCSP: true, ...options });
      await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.protocol === 'data:' || loopback.has(url.hostname)) return route.continue();
        offLoopback.push(url.toString());
        return route.abort();
      });
      return context;
    },
    async close() {
      await browser.close();
      await server.close();
      await t.close();
    },
  };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: unknown[] }[];
}

/** axe-core's serious and critical violations on the page as it is now (shadow roots included). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const result = await (
      globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }
    ).axe.run();
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** Signs in through the sign-in screen and waits for the services screen. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
}

/** The row of a service on the services screen. */
export const serviceRow = (page: Page, name: string) =>
  page.locator('li[data-service-id]').filter({ has: page.locator('.name', { hasText: name }) });

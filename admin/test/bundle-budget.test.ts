import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Built by the tests' global setup (admin/scripts/ensure-built.mjs), as `npm start` builds it.
const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
const budgetBytes = 60 * 1024;

describe('the admin build', () => {
  const html = readFileSync(`${distDir}index.html`, 'utf8');
  // What the first load fetches: the entry script and the chunks it preloads (not the lazy screens).
  const firstLoad = [...html.matchAll(/(?:src|href)="\/admin\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);

  it(`loads at most ${budgetBytes / 1024} KB of gzipped JavaScript first`, () => {
    expect(firstLoad.some((file) => file.startsWith('main-'))).toBe(true);
    const gzipped = firstLoad.reduce((sum, file) => sum + gzipSync(readFileSync(`${distDir}assets/${file}`)).length, 0);
    console.log(`admin first load: ${firstLoad.length} scripts, ${(gzipped / 1024).toFixed(1)} KB gzip`);
    expect(gzipped).toBeLessThanOrEqual(budgetBytes);
  });

  it('loads each screen, and the Markdown renderer, as a lazy chunk outside the first load', () => {
    const assets = readdirSync(`${distDir}assets`);
    for (const screen of [
      'sign-in-page',
      'services-page',
      'incidents-page',
      'incident-page',
      'maintenances-page',
      'maintenance-page',
      'new-maintenance-page',
      'team-page',
      'api-keys-page',
      'audit-page',
      'settings-page',
      'integrations-page',
      // The Markdown renderer (markdown-it, ~42 KB gzip), fetched by the first screen that shows Markdown.
      'markdown',
    ]) {
      const chunk = assets.find((name) => name.startsWith(`${screen}-`));
      expect(chunk, screen).toBeDefined();
      expect(firstLoad).not.toContain(chunk);
    }
  });
});

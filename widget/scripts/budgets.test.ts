// Size budgets of the built widget, on the files as served: gzip (brotli printed beside), what a dot
// or pill badge loads (the entry and its static imports: Lit's ReactiveElement, the SSE parser, the
// stream client, the shared feed and the element) and everything (the lazy card, toast and polling
// chunks and the lit-html chunk the card and toast share); and no zod or contract runtime code in any
// of it (esbuild metafile).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { distDir, type WidgetManifest } from './build-widget.ts';
import { ensureWidgetBuilt } from './ensure-built.ts';

const KB = 1024;
const dotOrPillBudget = 10 * KB;
const everythingBudget = 16 * KB;

let meta: Metafile;
let manifest: WidgetManifest;

const sizes = (names: string[]) => {
  const bytes = names.map((name) => readFileSync(join(distDir, name)));
  const sum = (f: (b: Buffer) => number) => bytes.reduce((total, b) => total + f(b), 0);
  return {
    raw: sum((b) => b.length),
    gzip: sum((b) => gzipSync(b, { level: 9 }).length),
    brotli: sum((b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length),
  };
};

/** The entry and every file it imports statically (what the browser fetches before the badge shows). */
function staticClosure(entry: string): string[] {
  const outputs = meta.outputs;
  const byName = (name: string) => Object.keys(outputs).find((path) => path.endsWith(`/${name}`))!;
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const imported of outputs[path]!.imports) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(byName(entry));
  return [...seen].map((path) => path.slice(path.lastIndexOf('/') + 1));
}

beforeAll(async () => {
  await ensureWidgetBuilt();
  meta = JSON.parse(readFileSync(join(distDir, 'meta.json'), 'utf8')) as Metafile;
  manifest = JSON.parse(readFileSync(join(distDir, 'manifest.json'), 'utf8')) as WidgetManifest;
}, 120_000);

describe('widget bundle budgets', () => {
  it(`a dot or pill badge loads at most ${dotOrPillBudget / KB} KB gzip, Lit's ReactiveElement included`, () => {
    const files = staticClosure(manifest.entry);
    const size = sizes(files);
    console.log(
      `dot/pill: ${files.join(' + ')}: ${size.raw} B raw, ${size.gzip} B gzip, ${size.brotli} B brotli (target 10 KB gzip)`,
    );
    expect(files).toContain(manifest.entry);
    expect(size.gzip).toBeLessThanOrEqual(dotOrPillBudget);
  });

  it('everything, lazy chunks included, is at most 16 KB gzip', () => {
    const files = manifest.hashed.filter((name) => name.endsWith('.js'));
    const size = sizes(files);
    console.log(`everything: ${files.length} files: ${size.raw} B raw, ${size.gzip} B gzip, ${size.brotli} B brotli`);
    for (const name of files) {
      const one = sizes([name]);
      console.log(`  ${name}: ${one.gzip} B gzip, ${one.brotli} B brotli`);
    }
    expect(size.gzip).toBeLessThanOrEqual(everythingBudget);
  });

  it('bundles Lit, and no zod and no runtime code of the API contract', () => {
    const inputs = Object.keys(meta.inputs);
    expect(inputs.some((path) => path.includes('node_modules/lit-html/'))).toBe(true);
    const entryInputs = Object.keys(Object.values(meta.outputs).find((output) => output.entryPoint)!.inputs);
    expect(entryInputs.some((path) => path.includes('node_modules/@lit/reactive-element/'))).toBe(true);
    expect(entryInputs.some((path) => path.includes('node_modules/eventsource-parser/'))).toBe(true);
    expect(inputs.filter((path) => /(^|\/)zod(\/|$)|@hono|api\/src\/contract\//.test(path))).toEqual([]);
    const bundled = Object.values(meta.outputs).flatMap((output) => Object.keys(output.inputs));
    expect(bundled.filter((path) => path.includes('api/src/'))).toEqual([]);
  });
});

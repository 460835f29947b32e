import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../src/env.ts';
import {
  brokenLinks,
  citedArchitectureHeadings,
  configurationTableVariables,
  markdownHeadings,
  outsideCitations,
  repositoryFiles,
} from './docs-references.ts';

/**
 * The repository explains itself (docs/architecture.md, "Parts"): no citation of a file or an issue
 * number outside it, every heading a citation of docs/architecture.md names exists there, every
 * relative markdown link resolves, and both configuration tables name every variable of env.ts.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** Tracked files plus new ones not ignored, text only (a NUL byte marks a binary file). */
const files = repositoryFiles(root)
  .map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }))
  .filter(({ text }) => !text.includes('\0'));
const markdownFiles = files.filter(({ file }) => file.endsWith('.md'));
const architectureHeadings = markdownHeadings(read('docs/architecture.md'));

// Planted strings are joined at run time, so this file does not trip the checks it runs.
const join2 = (...parts: string[]) => parts.join('');

describe('each check bites on a planted problem', () => {
  it('finds citations of outside files and issue numbers', () => {
    const outside = [
      join2('ARCHITECTURE', '.md'),
      join2('STYLE', '.md'),
      join2('issue', ' 14'),
      join2('Issue', ' #15'),
    ];
    for (const hit of outside) expect(outsideCitations(`as in ${hit}'s case`)).toEqual([hit]);
    expect(outsideCitations('see docs/architecture.md, and api/src/idempotency/README.md')).toEqual([]);
  });

  it('reads cited headings, also wrapped onto the next comment line', () => {
    const planted = join2(' * rules (docs/architecture.md, ', '"Who\n * may do what" and "No such heading")');
    expect(citedArchitectureHeadings(planted)).toEqual(['Who may do what', 'No such heading']);
    expect(citedArchitectureHeadings(join2('docs/architecture.md', "'s ", '"Uptime" table'))).toEqual(['Uptime']);
    const missing = citedArchitectureHeadings(planted).filter((h) => !architectureHeadings.has(h));
    expect(missing).toEqual(['No such heading']);
  });

  it('finds relative links to missing files, and only those', () => {
    const planted = join2(
      '[ok](docs/architecture.md#configuration) [web](https://example.com/x) [anchor](#parts) ',
      '![shot](docs/no-such-screenshot.png) [gone](api/src/no-such-file.ts)',
    );
    expect(brokenLinks(root, 'README.md', planted)).toEqual(['docs/no-such-screenshot.png', 'api/src/no-such-file.ts']);
    expect(brokenLinks(root, 'docs/deploy.md', '[up](../README.md)')).toEqual([]);
  });

  it('reads the variables of a configuration table', () => {
    const planted =
      '## Configuration\n\n| variable | default |\n| --- | --- |\n| `PORT`, `HOST` | `3000` |\n\n## Next\n';
    expect([...configurationTableVariables(planted)]).toEqual(['PORT', 'HOST']);
  });
});

describe('the repository', () => {
  it('cites no file outside it and no issue number', () => {
    const hits = files.flatMap(({ file, text }) => outsideCitations(text).map((hit) => `${file}: ${hit}`));
    expect(hits, 'cite docs/architecture.md (or say what the case is) instead').toEqual([]);
  });

  it('cites only headings that docs/architecture.md has', () => {
    const cited = files.flatMap(({ file, text }) => citedArchitectureHeadings(text).map((h) => ({ file, h })));
    expect(cited.length).toBeGreaterThan(10);
    const missing = cited.filter(({ h }) => !architectureHeadings.has(h)).map(({ file, h }) => `${file}: "${h}"`);
    expect(missing).toEqual([]);
  });

  it('has no broken relative link in its markdown', () => {
    expect(markdownFiles.map(({ file }) => file)).toEqual(
      expect.arrayContaining(['README.md', 'docs/architecture.md']),
    );
    const broken = markdownFiles.flatMap(({ file, text }) => brokenLinks(root, file, text).map((t) => `${file}: ${t}`));
    expect(broken).toEqual([]);
  });

  it('documents every environment variable in the README and in docs/architecture.md', () => {
    const variables = Object.keys(envSchema.shape).sort();
    expect([...configurationTableVariables(read('README.md'))].sort()).toEqual(variables);
    expect([...configurationTableVariables(read('docs/architecture.md'))].sort()).toEqual(variables);
  });
});

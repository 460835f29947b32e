import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  foldersUnder,
  listedFolders,
  markdownSection,
  repositoryFiles,
  tableFolders,
  unnamedFolders,
} from './docs-references.ts';

/**
 * The docs name every folder (docs/architecture.md, "Parts"): each folder directly under `api/src`
 * opens a line of the list under "Inside `api/src`", and each top-level folder git tracks has a row
 * in the README's Layout table. A new module or top-level folder fails here until it is described.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const files = repositoryFiles(root);
const apiSrcFolders = foldersUnder(files, 'api/src');
const topLevelFolders = foldersUnder(files, '');
const architectureList = listedFolders(markdownSection(read('docs/architecture.md'), 'Inside `api/src`'));
const readmeLayout = tableFolders(markdownSection(read('README.md'), 'Layout'));

describe('each check bites on a planted folder', () => {
  it('lists the folders of a path, deepest files included, each once', () => {
    const planted = ['api/src/app.ts', 'api/src/alerts/a.ts', 'api/src/routes/x/y.ts', 'api/src/routes/z.ts', 'b/c'];
    expect(foldersUnder(planted, 'api/src')).toEqual(['alerts', 'routes']);
    expect(foldersUnder(planted, '')).toEqual(['api', 'b']);
  });

  it('reads only the section asked for, and only list items that open with a folder', () => {
    const planted = [
      '## Parts',
      '### Inside `api/src`',
      '- `alerts/` — rules',
      '- `db/` — drivers; see `status/recompute.ts`',
      '### Test kits',
      '- `hardening/` — not api/src',
      '## Next',
    ].join('\n');
    expect([...listedFolders(markdownSection(planted, 'Inside `api/src`'))]).toEqual(['alerts', 'db']);
  });

  it('reports a folder under api/src that the list leaves out', () => {
    expect(unnamedFolders(['contract', 'no-such-module'], architectureList)).toEqual(['no-such-module']);
  });

  it('reports a top-level folder that the Layout table leaves out, and reads only its first column', () => {
    expect(unnamedFolders(['api', 'no-such-folder'], readmeLayout)).toEqual(['no-such-folder']);
    const planted = '## Layout\n\n| folder | what |\n| --- | --- |\n| `api/` | see `docs/` |\n\n## Next\n';
    expect([...tableFolders(markdownSection(planted, 'Layout'))]).toEqual(['api']);
  });
});

describe('the docs', () => {
  it('name every folder under api/src in docs/architecture.md', () => {
    expect(apiSrcFolders).toEqual(expect.arrayContaining(['contract', 'routes', 'static-site']));
    expect(unnamedFolders(apiSrcFolders, architectureList)).toEqual([]);
  });

  it("name every top-level folder in the README's Layout table", () => {
    expect(topLevelFolders).toEqual(expect.arrayContaining(['api', 'database', 'docs']));
    expect(unnamedFolders(topLevelFolders, readmeLayout)).toEqual([]);
  });
});

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Checks that the repository explains itself: comments and docs cite files inside it, never the
 * shared design files or an issue tracker a reader does not have, and what they cite exists. Pure
 * functions over text, so the test can plant a problem of each kind and watch each check bite.
 */

/** Files outside the repository (the shared design folder) and issue numbers: a reader has neither. */
const outsideCitation = /\b(?:ARCHITECTURE|SECURITY|STYLE)\.md\b|\bissues? #?\d+/gi;

/** Citations of a file outside the repository or of an issue number in `text`. */
export function outsideCitations(text: string): string[] {
  // The outside files are spelled in capitals; our own `docs/architecture.md` is lower case.
  return [...text.matchAll(outsideCitation)].map((m) => m[0]).filter((hit) => !/^[a-z]+\.md$/.test(hit));
}

// The doc's path, then a comma or `'s`, then one or more quoted headings (joined by commas or "and");
// a heading may wrap onto the next comment line (` * `, `// `, `-- `).
const citation = /docs\/architecture\.md(?:,|'s)\s+((?:"[^"]+"(?:,\s*|\s+and\s+)?)+)/g;
const commentBreak = /\s*\n\s*(?:\*|\/\/|--|#)?\s*/g;

/** The headings of docs/architecture.md that `text` cites. */
export function citedArchitectureHeadings(text: string): string[] {
  return [...text.matchAll(citation)].flatMap((m) =>
    [...m[1]!.matchAll(/"([^"]+)"/g)].map((q) => q[1]!.replace(commentBreak, ' ').trim()),
  );
}

/** Every heading of a markdown document (any level), as written. */
export function markdownHeadings(markdown: string): Set<string> {
  const text = withoutFencedCode(markdown);
  return new Set([...text.matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)].map((m) => m[1]!));
}

function withoutFencedCode(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '');
}

/** Relative link targets of a markdown file (http(s), mailto and anchor-only links left out). */
export function relativeLinks(markdown: string): string[] {
  const text = withoutFencedCode(markdown).replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^(?:[a-z][a-z0-9+.-]*:|#)/i.test(target));
}

/** The relative links of `markdown` (a file at `file`, under `root`) whose file does not exist. */
export function brokenLinks(root: string, file: string, markdown: string): string[] {
  return relativeLinks(markdown).filter((target) => {
    const path = decodeURIComponent(target.replace(/[?#].*$/, ''));
    return !existsSync(join(root, dirname(file), path));
  });
}

/** The environment variables in the first column of the tables under `## Configuration`. */
export function configurationTableVariables(markdown: string): Set<string> {
  const section = /^## Configuration\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(markdown)?.[1] ?? '';
  const firstCells = [...section.matchAll(/^\|([^|\n]*)\|/gm)].map((m) => m[1]!);
  return new Set(firstCells.flatMap((cell) => [...cell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!)));
}

/** The repository's files as git sees them: tracked plus new ones not ignored, `/`-separated. */
export function repositoryFiles(root: string): string[] {
  return execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean);
}

/** The folders directly under `parent` ('' for the root) that hold at least one of `files`. */
export function foldersUnder(files: readonly string[], parent: string): string[] {
  const prefix = parent ? `${parent}/` : '';
  const names = files
    .filter((file) => file.startsWith(prefix))
    .map((file) => file.slice(prefix.length).split('/'))
    .filter((segments) => segments.length > 1)
    .map((segments) => segments[0]!);
  return [...new Set(names)].sort();
}

/** The text of the section under the heading `heading` (any level), up to the next heading of that level or higher. */
export function markdownSection(markdown: string, heading: string): string {
  const text = withoutFencedCode(markdown);
  const start = [...text.matchAll(/^(#{1,6})\s+(.+?)\s*#*$/gm)].find((m) => m[2] === heading);
  if (!start) return '';
  const level = start[1]!.length;
  const rest = text.slice(start.index + start[0].length);
  const end = new RegExp(`^#{1,${level}}\\s`, 'm').exec(rest);
  return end ? rest.slice(0, end.index) : rest;
}

/** The folders a text names as `` `name/` `` (a backticked path starting with the name and a slash). */
export function namedFolders(text: string): Set<string> {
  return new Set([...text.matchAll(/`([A-Za-z0-9._-]+)\//g)].map((m) => m[1]!));
}

/** The folders that open the list items of `section` (`` - `name/` — what it holds ``), one line each. */
export function listedFolders(section: string): Set<string> {
  return namedFolders([...section.matchAll(/^[-*]\s+(`[^`\n]+`)/gm)].map((m) => m[1]!).join(' '));
}

/** The folders named in the first column of the tables of `section` (the README's Layout table). */
export function tableFolders(section: string): Set<string> {
  const firstCells = [...section.matchAll(/^\|([^|\n]*)\|/gm)].map((m) => m[1]!);
  return namedFolders(firstCells.join(' '));
}

/** Which of `folders` `named` leaves out. */
export function unnamedFolders(folders: readonly string[], named: ReadonlySet<string>): string[] {
  return folders.filter((folder) => !named.has(folder));
}

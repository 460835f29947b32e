import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The current definition of every SQL function, one file each (`database/functions/README.md`).
 * Migrations apply them with psql's include-relative directive on a line of its own,
 * `\ir ../functions/<schema>.<name>.sql`, which the runner expands before it runs the migration.
 */
export const functionsDir = fileURLToPath(new URL('../../../database/functions/', import.meta.url));

const includeLine = /^\\ir[ \t]+(\S+)[ \t]*$/gm;
const fileName = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*\.sql$/;

/** A migration with its includes expanded, and the SHA-256 of each function file it took in. */
export interface ExpandedMigration {
  sql: string;
  /** Function file name → SHA-256 (hex) of the text that was included. */
  functionFiles: Record<string, string>;
}

/** SHA-256 (hex) of a function file's text. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The function files `migrationSql` includes, in order. Only files directly in `database/functions/`
 * named `<schema>.<name>.sql` may be included; anything else is a mistake and throws.
 */
export function includedFunctionFiles(migrationPath: string, migrationSql: string): string[] {
  return [...migrationSql.matchAll(includeLine)].map(([, target]) => {
    const path = resolve(dirname(migrationPath), target!);
    const name = basename(path);
    if (`${dirname(path)}/` !== functionsDir || !fileName.test(name)) {
      throw new Error(`${basename(migrationPath)}: \\ir ${target} is not a file of database/functions/`);
    }
    return name;
  });
}

/** `migrationSql` with each `\ir` line replaced by the function file's text. */
export async function expandIncludes(migrationPath: string, migrationSql: string): Promise<ExpandedMigration> {
  const functionFiles: Record<string, string> = {};
  for (const name of includedFunctionFiles(migrationPath, migrationSql)) {
    const text = await readFile(`${functionsDir}${name}`, 'utf8');
    // One level only: a function file defines its function, it does not pull in others.
    if (/^\\ir[ \t]/m.test(text)) throw new Error(`database/functions/${name} may not include other files`);
    functionFiles[name] = text;
  }
  const sql = migrationSql.replace(includeLine, (_line, target: string) => {
    const text = functionFiles[basename(target)]!;
    return `-- ${basename(target)}\n${text}`;
  });
  return {
    sql,
    functionFiles: Object.fromEntries(Object.entries(functionFiles).map(([name, text]) => [name, sha256(text)])),
  };
}

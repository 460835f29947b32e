import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { createTestDatabase, type TestDatabase } from '../../api/test/test-database.ts';
import { checkFunctionFiles, listMigrations, migrationsDir } from '../../api/src/db/migrate.ts';
import { expandIncludes, functionsDir, includedFunctionFiles } from '../../api/src/db/function-files.ts';
import type { Queryable } from '../../api/src/db/types.ts';
import { functionDefinitions, qualifiedName, type FunctionDefinition } from './support/function-definitions.ts';
import { rolledBack } from './support/rolled-back.ts';

/**
 * Functions of public/private that have no file in database/functions/, each with the reason. Empty:
 * every function the migrations define has its file. (A function dropped by a migration keeps its
 * file while an older migration includes it: list it in `droppedFunctions` below instead.)
 */
const functionsWithoutFile: string[] = [];
/** `schema.name` of functions a migration dropped whose files stay for the older migrations' includes. */
const droppedFunctions: string[] = [];

const functionFileNames = async () => (await readdir(functionsDir)).filter((name) => name.endsWith('.sql')).sort();

/**
 * Runs `sql` in a transaction that is rolled back and returns every function whose catalog entry it
 * changed (definition, owner, grants, comment), before and after: empty when the file says exactly
 * what the database already has.
 */
async function changesMadeBy(t: TestDatabase, sql: string) {
  return rolledBack(
    (fn) => t.db.transaction(fn),
    async (tx: Queryable) => {
      const before = new Map((await functionDefinitions(tx)).map((f) => [f.signature, f]));
      await tx.exec(sql);
      const changed: { before?: FunctionDefinition; after?: FunctionDefinition }[] = [];
      for (const after of await functionDefinitions(tx)) {
        const old = before.get(after.signature);
        if (JSON.stringify(old) !== JSON.stringify(after)) changed.push({ before: old, after });
      }
      return changed;
    },
  );
}

describe('database/functions/: one current definition per function', () => {
  let t: TestDatabase;
  let definitions: FunctionDefinition[];
  beforeAll(async () => {
    t = await createTestDatabase();
    definitions = await functionDefinitions(t.db);
  });
  afterAll(() => t.close());

  it('has a file for every function of public and private, named <schema>.<name>.sql', async () => {
    const files = new Set(await functionFileNames());
    const missing = definitions
      .map((f) => qualifiedName(f.signature))
      .filter((name) => !files.has(`${name}.sql`) && !functionsWithoutFile.includes(name));
    expect(missing).toEqual([]);
    const present = new Set(definitions.map((f) => `${qualifiedName(f.signature)}.sql`));
    const orphans = [...files].filter((file) => !present.has(file) && !droppedFunctions.includes(file.slice(0, -4)));
    expect(orphans).toEqual([]);
  });

  it('each file says exactly what the migrated database has (running it again changes nothing)', async () => {
    for (const file of await functionFileNames()) {
      const name = file.slice(0, -4);
      if (droppedFunctions.includes(name)) continue;
      const sql = await readFile(`${functionsDir}${file}`, 'utf8');
      expect(sql, file).toContain(`create or replace function ${name}(`);
      expect(await changesMadeBy(t, sql), file).toEqual([]);
    }
  });

  it('catches a planted drift: another body, or another grant', async () => {
    const status = await readFile(`${functionsDir}public.get_public_status.sql`, 'utf8');
    const edited = status.replaceAll("interval '14 days'", "interval '15 days'");
    expect(edited).not.toBe(status);
    const bodyDrift = await changesMadeBy(t, edited);
    expect(bodyDrift.map((c) => c.after?.signature)).toEqual(['public.get_public_status(p_slug text)']);
    expect(bodyDrift[0]!.after!.definition).toContain("interval '15 days'");

    const helper = await readFile(`${functionsDir}private.public_incident_json.sql`, 'utf8');
    const grantDrift = await changesMadeBy(
      t,
      `${helper}\ngrant execute on function private.public_incident_json(public.incidents, uuid[]) to anon;`,
    );
    expect(grantDrift.map((c) => [c.before?.acl === c.after?.acl, c.after?.acl])).toEqual([
      [false, expect.stringContaining('anon=X')],
    ]);
  });

  it('every file is applied by a migration, and every include names an existing file', async () => {
    const included = new Set<string>();
    for (const migration of await listMigrations()) {
      const path = `${migrationsDir}${migration}`;
      const { functionFiles } = await expandIncludes(path, await readFile(path, 'utf8'));
      for (const file of Object.keys(functionFiles)) included.add(file);
    }
    expect([...included].sort()).toEqual(await functionFileNames());
  });

  it('refuses an include outside database/functions/', () => {
    const path = `${migrationsDir}0999_example.sql`;
    expect(() => includedFunctionFiles(path, '\\ir ../migrations/0001_tenancy.sql')).toThrow(/not a file of/);
    expect(() => includedFunctionFiles(path, '\\ir ../functions/nested/x.y.sql')).toThrow(/not a file of/);
    expect(includedFunctionFiles(path, '\\ir ../functions/public.get_public_status.sql\nselect 1;')).toEqual([
      'public.get_public_status.sql',
    ]);
  });

  it('the runner refuses a database whose function is older than its file (file edited, no migration)', async () => {
    await expect(checkFunctionFiles(t.db)).resolves.toBeUndefined();
    const error = await rolledBack(
      (fn) => t.db.transaction(fn),
      async (tx) => {
        // As if 0150 had run before someone edited the file: it recorded another text's hash.
        await tx.query(
          `update public.schema_migrations
           set function_files = function_files || '{"public.get_public_status.sql": "0000"}'
           where function_files ? 'public.get_public_status.sql'`,
        );
        return checkFunctionFiles(tx).then(
          () => null,
          (e: Error) => e.message,
        );
      },
    );
    expect(error).toMatch(/public\.get_public_status\.sql \(last applied by 0150_function_files\)/);
  });
});

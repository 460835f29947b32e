import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../api/test/test-database.ts';
import { createMatrixWorld, type MatrixWorld } from './support/tenant-matrix-world.ts';
import { rowFactories } from './support/row-factories.ts';
import { isAllowed, operations } from './support/access-rules.ts';
import { attempt, existingRow, primaryKeys } from './support/attempt.ts';

// Row level security straight in SQL, the API bypassed: every table × every door's identity ×
// select/insert/update/delete, on a row of org A and a row of org B. What is allowed must be exactly
// what the table's grants say: so nothing of B for A's identities, nothing of A for B's admin,
// nothing at all for anon, and each role's own permissions on its own org.
describe('RLS matrix', () => {
  let t: TestDatabase;
  let world: MatrixWorld;
  let keys: Record<string, string[]>;
  beforeAll(async () => {
    t = await createTestDatabase();
    world = await createMatrixWorld(t.db);
    keys = await primaryKeys(t.db);
  });
  afterAll(() => t.close());

  it('has a row factory for every table in schema public (a new table must join the matrix)', async () => {
    const tables = await t.db.query<{ relname: string }>(
      `select relname from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') order by relname`,
    );
    expect(tables.map((r) => r.relname)).toEqual(Object.keys(rowFactories).sort());
  });

  it.each(Object.keys(rowFactories))('%s: each identity can do exactly what it is granted', async (table) => {
    const factory = rowFactories[table]!;
    const pk = keys[table];
    if (!pk) throw new Error(`${table} has no primary key`);
    const actual: Record<string, boolean> = {};
    const expected: Record<string, boolean> = {};
    for (const org of [world.orgs.A, world.orgs.B]) {
      const key = await existingRow(t.db, table, factory, org, pk);
      for (const who of world.identities) {
        for (const op of operations) {
          const label = `${who.name} ${op} row of ${org.label}`;
          actual[label] = await attempt(who, op, table, pk, key, factory.insert(org, who.caller));
          expected[label] = isAllowed(who, op, factory.grants[op], org);
        }
      }
    }
    expect(actual).toEqual(expected);
  });
});

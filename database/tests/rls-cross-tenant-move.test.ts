import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../api/test/test-database.ts';
import { createMatrixWorld, type MatrixWorld } from './support/tenant-matrix-world.ts';
import { rowFactories } from './support/row-factories.ts';
import { isAllowed } from './support/access-rules.ts';
import { attempt, existingRow, primaryKeys } from './support/attempt.ts';
import { rolledBack } from './support/rolled-back.ts';
import { addMember, createUser } from '../../api/test/fixtures.ts';
import { asSystem, withUser } from '../../api/src/db/doors.ts';

type MoveOutcome = 'moved' | 'refused by WITH CHECK' | 'row not updatable' | 'foreign key';

// A missing or weaker WITH CHECK lets rows move between tenants: someone who is admin of A and
// viewer of B sets org_id to B on a row of A. Nothing may move, and nothing may be written into B.
describe('moving rows between tenants', () => {
  let t: TestDatabase;
  let world: MatrixWorld;
  let keys: Record<string, string[]>;
  let tenantTables: string[];
  beforeAll(async () => {
    t = await createTestDatabase();
    world = await createMatrixWorld(t.db);
    keys = await primaryKeys(t.db);
    const rows = await t.db.query<{ table: string }>(
      `select c.relname as table from pg_class c join pg_attribute a on a.attrelid = c.oid
       where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and a.attname = 'org_id'
       order by c.relname`,
    );
    tenantTables = rows.map((r) => r.table);
  });
  afterAll(() => t.close());

  it('the admin of A who is a viewer of B cannot move any row of A to B', async () => {
    const { A, B } = world.orgs;
    const dual = world.adminOfAViewerOfB;
    const actual: Record<string, MoveOutcome> = {};
    const expected: Record<string, MoveOutcome> = {};
    for (const table of tenantTables) {
      const factory = rowFactories[table];
      if (!factory) throw new Error(`${table} has no row factory (see rls-matrix.test.ts)`);
      const pk = keys[table]!;
      const key = await existingRow(t.db, table, factory, A, pk);
      const where = pk.map((column, i) => `"${column}" = $${i + 2}`).join(' and ');
      actual[table] = await rolledBack(dual.run, async (tx): Promise<MoveOutcome> => {
        try {
          const rows = await tx.query(`update public."${table}" set org_id = $1 where ${where} returning 1`, [
            B.id,
            ...pk.map((column) => key[column]),
          ]);
          return rows.length > 0 ? 'moved' : 'row not updatable';
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (code === '42501') return 'refused by WITH CHECK';
          if (code === '23503') return 'foreign key';
          throw error;
        }
      });
      // Where the dual user may update A's row at all, the policy's WITH CHECK must be what stops it.
      expected[table] = isAllowed(dual, 'update', factory.grants.update, A)
        ? 'refused by WITH CHECK'
        : 'row not updatable';
    }
    expect(actual).toEqual(expected);
    expect(Object.values(actual)).not.toContain('moved');
  });

  it('the admin of A who is a viewer of B cannot write a new row into B', async () => {
    const { B } = world.orgs;
    const dual = world.adminOfAViewerOfB;
    const written: string[] = [];
    for (const [table, factory] of Object.entries(rowFactories)) {
      const pk = keys[table]!;
      const key = await existingRow(t.db, table, factory, B, pk);
      if (await attempt(dual, 'insert', table, pk, key, factory.insert(B, dual.caller))) written.push(table);
    }
    expect(written).toEqual([]);
  });

  it('the same move goes through for an admin of both orgs (the refusal is about rights)', async () => {
    const { A, B } = world.orgs;
    const both = await createUser(t.db);
    await addMember(t.db, A.id, both.id, 'admin');
    await addMember(t.db, B.id, both.id, 'admin');
    const [incident] = await asSystem(t.db, 'test', (tx) =>
      tx.query<{ id: string }>(`insert into public.incidents (org_id, title) values ($1, 'Lone') returning id`, [A.id]),
    );
    const moved = await rolledBack(
      (fn) => withUser(t.db, { userId: both.id }, fn),
      (tx) => tx.query(`update public.incidents set org_id = $1 where id = $2 returning id`, [B.id, incident!.id]),
    );
    expect(moved).toHaveLength(1);
  });
});

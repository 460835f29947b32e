import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../api/test/test-database.ts';
import { openPostgres } from '../../api/src/db/postgres.ts';
import { withUser } from '../../api/src/db/doors.ts';
import type { Database, Queryable } from '../../api/src/db/types.ts';
import { createMatrixWorld, type MatrixWorld } from './support/tenant-matrix-world.ts';
import { rowFactories } from './support/row-factories.ts';
import { existingRow, primaryKeys } from './support/attempt.ts';

const tables = Object.keys(rowFactories);

/** Rows of every table visible to `tx` (a table it may not read at all counts as 0). */
async function visibleRows(tx: Queryable): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    await tx.query('savepoint probe');
    try {
      const [row] = await tx.query<{ n: number }>(`select count(*)::int as n from public."${table}"`);
      counts[table] = row!.n;
      await tx.query('release savepoint probe');
    } catch (error) {
      if ((error as { code?: string }).code !== '42501') throw error;
      counts[table] = 0;
      await tx.query('rollback to savepoint probe');
    }
  }
  return counts;
}

// A query that did not come through a door sees no tenant rows: request roles without claims are
// refused by every policy, and a pooled connection keeps nothing of the previous request.
describe('fail closed', () => {
  let t: TestDatabase;
  let world: MatrixWorld;
  beforeAll(async () => {
    t = await createTestDatabase();
    world = await createMatrixWorld(t.db);
    const keys = await primaryKeys(t.db);
    for (const table of tables) await existingRow(t.db, table, rowFactories[table]!, world.orgs.A, keys[table]!);
  });
  afterAll(() => t.close());

  const none = Object.fromEntries(tables.map((table) => [table, 0]));

  it('every table has rows, as the owner sees it', async () => {
    const counts = await t.db.transaction(visibleRows);
    expect(tables.filter((table) => counts[table] === 0)).toEqual([]);
  });

  it.each(['authenticated', 'anon'])('role %s without claims sees no row of any table', async (role) => {
    const counts = await t.db.transaction(async (tx) => {
      await tx.query(`select set_config('role', $1, true)`, [role]);
      return visibleRows(tx);
    });
    expect(counts).toEqual(none);
  });

  it('role authenticated with claims that name nobody sees no row', async () => {
    const counts = await t.db.transaction(async (tx) => {
      await tx.query(
        `select set_config('request.jwt.claims', '{"role":"authenticated"}', true), set_config('role', 'authenticated', true)`,
      );
      return visibleRows(tx);
    });
    expect(counts).toEqual(none);
  });

  describe('the connection after a request', () => {
    // One connection, so the next statement surely runs where the request ran.
    let single: Database;
    beforeAll(() => {
      single = t.url ? openPostgres({ url: t.url, max: 1 }) : t.db;
    });
    afterAll(async () => {
      if (single !== t.db) await single.close();
    });

    const leftovers = () =>
      single.query<{ role: string; claims: string | null; uid: string | null }>(
        `select current_user as role, nullif(current_setting('request.jwt.claims', true), '') as claims, auth.uid() as uid`,
      );
    const userId = () => world.identities.find((who) => who.name === 'adminA')!.caller.slice('user:'.length);

    it('keeps neither the role nor the claims of a committed request', async () => {
      const [owner] = await leftovers();
      const inside = await withUser(single, { userId: userId() }, (tx) =>
        tx.query<{ uid: string }>('select auth.uid() as uid'),
      );
      expect(inside).toEqual([{ uid: userId() }]);
      expect(await leftovers()).toEqual([{ role: owner!.role, claims: null, uid: null }]);
      expect(owner!.role).not.toBe('authenticated');
    });

    it('keeps neither the role nor the claims of a failed request', async () => {
      const [owner] = await leftovers();
      await expect(
        withUser(single, { userId: userId() }, async () => {
          throw new Error('the handler failed');
        }),
      ).rejects.toThrow('the handler failed');
      expect(await leftovers()).toEqual([{ role: owner!.role, claims: null, uid: null }]);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { rollbackDatabase } from './rollback-database.ts';
import { asSystem, withUser } from './doors.ts';
import type { Database, Queryable } from './types.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const rolledBack = Symbol('rolled back');

/** Runs `fn` with a rollback database over one transaction of `t.db`, then rolls that back too. */
async function withRollbackDatabase(fn: (db: Database, outer: Queryable) => Promise<void>): Promise<void> {
  await t.db
    .transaction(async (outer) => {
      await outer.exec(
        `create temp table notes (id int primary key, parent int references notes (id) deferrable initially deferred)`,
      );
      await outer.query('insert into notes (id) values (1)');
      await fn(rollbackDatabase(t.db.kind, outer), outer);
      throw rolledBack;
    })
    .catch((error: unknown) => {
      if (error !== rolledBack) throw error;
    });
}

const ids = async (tx: Queryable) =>
  (await tx.query<{ id: number }>('select id from notes order by id')).map((r) => r.id);

describe('rollbackDatabase', () => {
  it("sees what the outer transaction wrote, and keeps nothing of its own transactions' writes", async () => {
    await withRollbackDatabase(async (db, outer) => {
      const inside = await db.transaction(async (tx) => {
        await tx.query('insert into notes (id) values (2)');
        return ids(tx);
      });
      expect(inside).toEqual([1, 2]);
      expect(await ids(outer)).toEqual([1]);
      await db.query('insert into notes (id) values (3)');
      expect(await ids(outer)).toEqual([1]);
    });
  });

  it("runs the commit's deferred checks: a transaction that would fail its commit fails, and leaves nothing", async () => {
    await withRollbackDatabase(async (db, outer) => {
      await expect(db.transaction((tx) => tx.query('insert into notes (id, parent) values (4, 99)'))).rejects.toThrow(
        /foreign key/,
      );
      // The outer transaction is usable again (its failed savepoint was rolled back).
      expect(await ids(outer)).toEqual([1]);
    });
  });

  it('ends each door where the outer transaction was: the next one does not inherit its role or claims', async () => {
    await withRollbackDatabase(async (db, outer) => {
      const settings = (tx: Queryable) =>
        tx.query<{ role: string; claims: string }>(
          `select current_user as role, coalesce(current_setting('request.jwt.claims', true), '') as claims`,
        );
      const before = await settings(outer);
      const userId = '00000000-0000-4000-8000-000000000001';
      const [asUser] = await withUser(db, { userId }, settings);
      expect(asUser).toMatchObject({ role: 'authenticated' });
      expect(JSON.parse(asUser!.claims)).toMatchObject({ sub: userId });
      expect(await settings(outer)).toEqual(before);
      const [asJob] = await asSystem(db, 'test', settings);
      expect(asJob).toMatchObject({ role: 'service_role' });
    });
  });

  it('runs transactions one at a time on its one connection, in the order asked', async () => {
    await withRollbackDatabase(async (db) => {
      const order: string[] = [];
      const slow = db.transaction(async (tx) => {
        order.push('a begins');
        await tx.query('insert into notes (id) values (5)');
        order.push('a ends');
        return ids(tx);
      });
      const fast = db.transaction(async (tx) => {
        order.push('b begins');
        return ids(tx);
      });
      expect(await Promise.all([slow, fast])).toEqual([[1, 5], [1]]);
      expect(order).toEqual(['a begins', 'a ends', 'b begins']);
    });
  });

  it('cannot listen', async () => {
    await withRollbackDatabase(async (db) => {
      await expect(db.listen('status_events', () => {})).rejects.toThrow(/cannot listen/);
    });
  });
});

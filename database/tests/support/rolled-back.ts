import type { Queryable } from '../../../api/src/db/types.ts';

const rollback = Symbol('rollback');

/** Any way of running `fn` in one transaction: `db.transaction`, or a door such as withUser. */
export type TransactionRunner = <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T>;

/**
 * Runs `fn` in a transaction of `run` and rolls it back whatever happens, returning what `fn`
 * returned: tests can try writes without changing the world the next attempt sees.
 */
export async function rolledBack<T>(run: TransactionRunner, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  let result: { value: T } | undefined;
  try {
    await run(async (tx) => {
      result = { value: await fn(tx) };
      throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
  return result!.value;
}

import type { Database, Queryable } from './types.ts';

/**
 * A Database inside one open transaction `outer` whose every `transaction` is a savepoint that is
 * rolled back once it has run, commit-time triggers included (`set constraints all immediate` fires
 * the deferred ones, as a commit would). Code given it runs its real statements — doors, row level
 * security, triggers — and changes nothing: what a transaction wrote is gone when it returns, and
 * `outer` (rolled back by its owner) keeps only what its owner wrote. For the start-up warm-up.
 *
 * One connection: transactions (and lone queries, each its own) run one at a time, in the order
 * asked. Nothing can listen.
 */
export function rollbackDatabase(kind: Database['kind'], outer: Queryable): Database {
  let queue: Promise<unknown> = Promise.resolve();
  let savepoints = 0;

  async function inSavepoint<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const name = `rollback_database_${++savepoints}`;
    await outer.exec(`savepoint ${name}`);
    try {
      const result = await fn(outer);
      await outer.exec('set constraints all immediate');
      return result;
    } finally {
      // Undoes the rows, the role and claims the door set (`set_config(…, true)`) and the constraint
      // mode: the next transaction starts where `outer` was.
      await outer.exec(`rollback to savepoint ${name}; release savepoint ${name}`);
    }
  }

  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => {});
    return run;
  };

  return {
    kind,
    transaction: (fn) => inTurn(() => inSavepoint(fn)),
    query: <T>(sql: string, params?: readonly unknown[]) => inTurn(() => inSavepoint((tx) => tx.query<T>(sql, params))),
    listen: () => Promise.reject(new Error('a rollback database cannot listen')),
    close: async () => {},
  };
}

/** Something SQL can be sent to: a transaction, or (for migrations and tests) the raw connection. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations, seed). */
  exec(sql: string): Promise<void>;
}

/** A notification from `LISTEN`. */
export type NotificationHandler = (payload: string) => void;

/** One database, whichever driver is behind it. Every request goes through a door (see doors.ts). */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction as the connecting (owner) role. Only doors, migrations and tests. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs one statement outside any transaction as the connecting role (migrations, tests). */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * Subscribes to a NOTIFY channel; resolves to an unsubscribe function. `onLost` is called once if
   * the dedicated connection dies (database restart): notifications stop, and the caller re-listens.
   */
  listen(
    channel: string,
    handler: NotificationHandler,
    onLost?: (error?: unknown) => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

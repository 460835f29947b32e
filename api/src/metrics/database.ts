import { Counter, type Registry } from 'prom-client';
import type { Database } from '../db/types.ts';
import { pulledGauge, type Sample } from './pulled.ts';

/** A pg Pool's counts (PostgreSQL only; PGlite has one embedded connection and no pool). */
export interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** What the pool gauges read (absent on PGlite). */
export type PoolSource = () => PoolCounts | undefined;

/**
 * The label of a failed statement: its SQLSTATE class (`23` integrity, `40` rollback, `57` operator
 * intervention… see PostgreSQL's "Error codes" appendix), `connection` for a socket error, or null
 * for an error that did not come from the database (the app's own, thrown inside a transaction).
 */
export function errorClass(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (/^[0-9A-Z]{5}$/.test(code)) return code.slice(0, 2);
  if (/^E[A-Z]+$/.test(code)) return 'connection';
  return null;
}

/** Database errors by SQLSTATE class and, on PostgreSQL, the connection pool's use. */
export function databaseMetrics(register: Registry, pool: PoolSource) {
  const errors = new Counter({
    name: 'lantern_db_errors_total',
    help: 'Failed transactions and statements by SQLSTATE class (23 integrity, 40 rollback, 57 shutdown…) or "connection".',
    labelNames: ['class'],
    registers: [register],
  });
  pulledGauge(register, {
    name: 'lantern_db_pool_clients',
    help: 'PostgreSQL pool: clients open (total), idle, and requests waiting for one (waiting). None on PGlite.',
    labelNames: ['state'],
    read: (): Sample[] => {
      const counts = pool();
      if (!counts) return [];
      return [
        [{ state: 'total' }, counts.totalCount],
        [{ state: 'idle' }, counts.idleCount],
        [{ state: 'waiting' }, counts.waitingCount],
      ];
    },
  });
  const failed = (error: unknown) => {
    const label = errorClass(error);
    if (label) errors.inc({ class: label });
  };
  return {
    /** The same database, counting every failed transaction and statement by its class. */
    instrument<D extends Database>(db: D): D {
      return {
        ...db,
        transaction: (fn) => db.transaction(fn).catch(rethrowCounted(failed)),
        query: (sql, params) => db.query(sql, params).catch(rethrowCounted(failed)),
      };
    },
  };
}

const rethrowCounted =
  (count: (error: unknown) => void) =>
  (error: unknown): never => {
    count(error);
    throw error;
  };

export type DatabaseMetrics = ReturnType<typeof databaseMetrics>;

import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode, StatusCode } from 'hono/utils/http-status';
import { randomUUID } from 'node:crypto';
import type { AppEnv } from '../http/app-env.ts';
import type { Database, Queryable } from '../db/types.ts';
import { withApiKey, withUser } from '../db/doors.ts';
import { AppError, conflict } from '../errors.ts';
import { hashRequest } from './request-hash.ts';
import { claimKey, isLockTimeout, markExecuted, releaseClaim, storeResponse, type ClaimOutcome } from './store.ts';

export const idempotencyHeader = 'Idempotency-Key';
const keyPattern = /^[\x21-\x7e]{1,255}$/;
const day = 24 * 60 * 60 * 1000;

// Remembered so the OpenAPI document can tell which routes take the header (and answer 409 and 422).
const idempotentMiddleware = new WeakSet<MiddlewareHandler<AppEnv>>();

export interface IdempotentOptions {
  /** How long a key gives the first answer again (default 24 h). */
  ttlMs?: number;
  /** After this long, a claim whose write never committed may be taken over (default IDEMPOTENCY_LEASE_MS, 60 s). */
  leaseMs?: number;
  /**
   * How long a claim waits for a row lock held by another request with the same key before it answers
   * 409 (default 1 s): a concurrent duplicate is told promptly, never left hanging.
   */
  lockTimeoutMs?: number;
}

/**
 * Middleware for org writes that scripts repeat: with an `Idempotency-Key` header, the same key and
 * request from the same caller within `ttlMs` answers the first answer again (status and body) and
 * changes nothing twice; the same key with another request is refused (422); a repeat that arrives
 * while the first is still running gets 409 with `Retry-After`. Without the header it does nothing.
 * Runs after the access check (it needs the caller and the org). Design: ./README.md.
 */
export function idempotent({
  ttlMs = day,
  leaseMs,
  lockTimeoutMs = 1000,
}: IdempotentOptions = {}): MiddlewareHandler<AppEnv> {
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const key = c.req.header(idempotencyHeader);
    if (key === undefined) return next();
    if (!keyPattern.test(key)) {
      throw new AppError('validation_failed', `${idempotencyHeader} must be 1 to 255 visible ASCII characters`);
    }
    const caller = c.get('caller');
    const org = c.get('org');
    if (caller.kind === 'anonymous' || !org) return next();
    const deps = c.get('deps');
    const door = <T>(fn: (tx: Queryable) => Promise<T>) =>
      caller.kind === 'user' ? withUser(deps.db, caller, fn) : withApiKey(deps.db, caller, fn);
    const url = new URL(c.req.url);
    const requestHash = hashRequest(c.req.method, url.pathname + url.search, await c.req.text());
    const claim = door((tx) =>
      claimKey(tx, {
        orgId: org.orgId,
        caller: caller.kind === 'user' ? `user:${caller.userId}` : `api_key:${caller.keyId}`,
        key,
        requestHash,
        token: randomUUID(),
        now: deps.clock.now(),
        ttlMs,
        leaseMs: leaseMs ?? deps.env.IDEMPOTENCY_LEASE_MS,
        lockTimeoutMs,
      }),
    );
    // The claim gave up waiting for a lock that another request with this key holds: it is running.
    const outcome = await claim.catch((error: unknown): ClaimOutcome => {
      if (isLockTimeout(error)) return { kind: 'in_progress' };
      throw error;
    });
    switch (outcome.kind) {
      case 'replay':
        c.header('Idempotent-Replayed', 'true');
        if (outcome.body === '') return c.body(null, outcome.status as StatusCode);
        return c.body(outcome.body, outcome.status as ContentfulStatusCode, { 'Content-Type': outcome.contentType });
      case 'mismatch':
        throw new AppError(
          'unprocessable',
          `This ${idempotencyHeader} was already used with a different request; use a new key for a new request`,
        );
      case 'in_progress':
        throw new AppError(
          'conflict',
          `A request with this ${idempotencyHeader} is still being processed; retry shortly`,
          {
            headers: { 'Retry-After': '1' },
          },
        );
      case 'answer_lost':
        throw conflict(
          `The request with this ${idempotencyHeader} was carried out, but its answer was lost; read the resource to see its state`,
        );
    }

    const state = { executed: false };
    c.set('deps', { ...deps, db: markingDatabase(deps.db, outcome, state, () => deps.clock.now()) });
    try {
      await next();
    } finally {
      c.set('deps', deps);
    }
    if (state.executed) {
      const response = await snapshotResponse(c);
      await door((tx) => storeResponse(tx, outcome, response, deps.clock.now())).catch((error: unknown) =>
        deps.log.error({ err: error, requestId: c.get('requestId') }, 'could not store an idempotent answer'),
      );
    } else {
      await door((tx) => releaseClaim(tx, outcome));
    }
  };
  idempotentMiddleware.add(middleware);
  return middleware;
}

/** True when a route's middleware list includes `idempotent()`. */
export function acceptsIdempotencyKey(middleware: unknown): boolean {
  return [middleware ?? []]
    .flat()
    .some((m) => typeof m === 'function' && idempotentMiddleware.has(m as MiddlewareHandler<AppEnv>));
}

/**
 * The same database, except that every transaction that writes also records, before it commits,
 * that the claimed key executed. That record and the write commit or roll back together.
 */
function markingDatabase(
  db: Database,
  claim: { id: string; token: string },
  state: { executed: boolean },
  now: () => Date,
): Database {
  return {
    ...db,
    kind: db.kind,
    async transaction(fn) {
      let marked = false;
      const result = await db.transaction(async (tx) => {
        const value = await fn(tx);
        marked = await markExecuted(tx, claim, now());
        return value;
      });
      if (marked) state.executed = true;
      return result;
    },
  };
}

async function snapshotResponse(c: Context<AppEnv>): Promise<{ status: number; contentType: string; body: string }> {
  const res = c.res;
  return {
    status: res.status,
    contentType: res.headers.get('Content-Type') ?? 'application/json',
    body: await res.clone().text(),
  };
}

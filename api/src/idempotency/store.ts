import type { Queryable } from '../db/types.ts';
import { conflict } from '../errors.ts';

/** What the middleware found for a key (see README.md for the state machine). */
export type ClaimOutcome =
  | { kind: 'claimed'; id: string; token: string }
  | { kind: 'replay'; status: number; contentType: string; body: string }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' }
  | { kind: 'answer_lost' };

export interface ClaimInput {
  orgId: string;
  caller: string;
  key: string;
  requestHash: string;
  token: string;
  now: Date;
  ttlMs: number;
  leaseMs: number;
  /** How long the claim may wait for a row lock before answering `in_progress`. */
  lockTimeoutMs: number;
}

interface StoredKey {
  request_hash: string;
  executed_at: string | null;
  response_status: number | null;
  response_content_type: string | null;
  response_body: string | null;
}

/**
 * Claims `key` for this request in its own short transaction (the caller's door, so RLS binds the row
 * to the caller), or reports what an earlier request with the same key left. An expired row, or an
 * abandoned claim whose write never committed (older than the lease), is taken over.
 */
export async function claimKey(tx: Queryable, input: ClaimInput): Promise<ClaimOutcome> {
  const now = input.now.toISOString();
  // Every row lock this transaction can meet is held by another request with the same key (its claim,
  // its write's commit, its answer), so waiting would only delay the 409 it gets anyway. Bound the
  // wait (transaction-local); claimWithLockTimeout turns the timeout into `in_progress`.
  await tx.query(`select set_config('lock_timeout', $1, true)`, [`${Math.max(1, Math.round(input.lockTimeoutMs))}ms`]);
  // The expiry sweep skips rows another request holds: it must never make this claim wait on them.
  await tx.query(
    `delete from public.idempotency_keys where id in (
       select id from public.idempotency_keys where org_id = $1 and caller = $2 and expires_at <= $3
       for update skip locked)`,
    [input.orgId, input.caller, now],
  );
  const claimed = await tx.query<{ id: string }>(
    `insert into public.idempotency_keys as k (org_id, caller, key, request_hash, claim_token, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (org_id, caller, key) do update set
       request_hash = excluded.request_hash, claim_token = excluded.claim_token,
       created_at = excluded.created_at, expires_at = excluded.expires_at, executed_at = null,
       response_status = null, response_content_type = null, response_body = null, completed_at = null
     where k.executed_at is null and k.request_hash = excluded.request_hash and k.created_at <= $8
     returning id`,
    [
      input.orgId,
      input.caller,
      input.key,
      input.requestHash,
      input.token,
      now,
      new Date(input.now.getTime() + input.ttlMs).toISOString(),
      new Date(input.now.getTime() - input.leaseMs).toISOString(),
    ],
  );
  if (claimed[0]) return { kind: 'claimed', id: claimed[0].id, token: input.token };
  const [row] = await tx.query<StoredKey>(
    `select request_hash, executed_at, response_status, response_content_type, response_body
     from public.idempotency_keys where org_id = $1 and caller = $2 and key = $3`,
    [input.orgId, input.caller, input.key],
  );
  if (!row) throw conflict('The Idempotency-Key changed hands; retry the request');
  if (row.request_hash !== input.requestHash) return { kind: 'mismatch' };
  if (row.response_status !== null) {
    return {
      kind: 'replay',
      status: row.response_status,
      contentType: row.response_content_type ?? 'application/json',
      body: row.response_body ?? '',
    };
  }
  // Executed but no answer stored: still being answered, or (past the lease) the process died between
  // the commit and storing the answer. Either way the write happened and must not run again.
  const executedAt = row.executed_at ? new Date(row.executed_at).getTime() : null;
  return executedAt !== null && executedAt <= input.now.getTime() - input.leaseMs
    ? { kind: 'answer_lost' }
    : { kind: 'in_progress' };
}

/** Postgres gave up waiting for a lock (`lock_timeout`, SQLSTATE 55P03 lock_not_available). */
export function isLockTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '55P03';
}

/**
 * Inside the write's own transaction: records that it executed, if it wrote anything. Throws (so the
 * transaction rolls back) when the claim was taken over meanwhile: exactly one holder commits.
 */
export async function markExecuted(tx: Queryable, claim: { id: string; token: string }, now: Date): Promise<boolean> {
  const [state] = await tx.query<{ wrote: boolean }>('select txid_current_if_assigned() is not null as wrote');
  if (!state?.wrote) return false;
  const rows = await tx.query(
    `update public.idempotency_keys set executed_at = coalesce(executed_at, $3)
     where id = $1 and claim_token = $2 returning id`,
    [claim.id, claim.token, now.toISOString()],
  );
  if (rows.length === 0) throw conflict('Another request took over this Idempotency-Key');
  return true;
}

/** Stores the answer of an executed request, to be given again to repeats. */
export async function storeResponse(
  tx: Queryable,
  claim: { id: string; token: string },
  response: { status: number; contentType: string; body: string },
  now: Date,
): Promise<void> {
  await tx.query(
    `update public.idempotency_keys
     set response_status = $3, response_content_type = $4, response_body = $5, completed_at = $6
     where id = $1 and claim_token = $2`,
    [claim.id, claim.token, response.status, response.contentType, response.body, now.toISOString()],
  );
}

/** Gives the key back when nothing was written (validation failed, refused, crashed before commit). */
export async function releaseClaim(tx: Queryable, claim: { id: string; token: string }): Promise<void> {
  await tx.query('delete from public.idempotency_keys where id = $1 and claim_token = $2 and executed_at is null', [
    claim.id,
    claim.token,
  ]);
}

/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies and payloads are checked with toEqual, not types */
import type { Database } from '../src/db/types.ts';
import { asSystem } from '../src/db/doors.ts';
import type { TestContext } from './test-app.ts';

/** An Authorization header for a user (signed access token) or an API key secret. */
export async function authFor(
  t: TestContext,
  who: { id: string; email: string } | { secret: string },
): Promise<string> {
  return 'secret' in who ? `Bearer ${who.secret}` : `Bearer ${await t.tokens.sign(who.id, who.email)}`;
}

/** One JSON call through app.request; the body is parsed when there is one. */
export async function send(
  t: TestContext,
  method: string,
  path: string,
  auth: string | null,
  json?: unknown,
): Promise<{ status: number; body: any; requestId: string | null }> {
  const headers: Record<string, string> = {};
  if (auth) headers.Authorization = auth;
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  const res = await t.app.request(path, {
    method,
    headers,
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, requestId: res.headers.get('x-request-id') };
}

/** The org's events after `afterSeq`, oldest first (read as the owner, around RLS). */
export async function eventsAfter(db: Database, orgId: string, afterSeq = 0) {
  return asSystem(db, 'test', (tx) =>
    tx.query<{ seq: number; type: string; payload: any; actor: any }>(
      'select seq::int as seq, type, payload, actor from public.status_events where org_id = $1 and seq > $2 order by seq',
      [orgId, afterSeq],
    ),
  );
}

/** The org's last event seq. */
export async function lastSeq(db: Database, orgId: string): Promise<number> {
  const [row] = await asSystem(db, 'test', (tx) =>
    tx.query<{ seq: number }>('select last_event_seq::int as seq from public.organizations where id = $1', [orgId]),
  );
  return row!.seq;
}

/** Every row of a table of the org, for before/after comparisons. */
export async function orgRows(
  db: Database,
  table: 'services' | 'service_groups' | 'service_status_history',
  orgId: string,
) {
  return asSystem(db, 'test', (tx) => tx.query(`select * from public.${table} where org_id = $1 order by id`, [orgId]));
}

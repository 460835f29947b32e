// Test helpers shared by the incident, maintenance and scheduler tests (not imported by the app).
import type { Database } from '../../db/types.ts';
import type { TestContext } from '../../../test/test-app.ts';

/** An answer: status and parsed JSON body (null for empty bodies). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers: the tests' expectations check their shape
export interface Answer<T = any> {
  status: number;
  body: T;
}

/** Calls the app as `auth` (a bearer token or API key secret; null for anonymous). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Answer
export async function call<T = any>(
  t: TestContext,
  method: string,
  path: string,
  auth: string | null,
  json?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...extraHeaders };
  if (auth) headers.Authorization = `Bearer ${auth}`;
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  const res = await t.app.request(path, {
    method,
    headers,
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** The shown status of services, by id. */
export async function statusesOf(db: Database, ids: string[]): Promise<Record<string, string>> {
  const rows = await db.query<{ id: string; status: string }>(
    'select id, status from public.services where id = any($1::uuid[])',
    [ids],
  );
  return Object.fromEntries(rows.map((r) => [r.id, r.status]));
}

/** A service's status history, oldest first. */
export async function historyOf(db: Database, serviceId: string) {
  return db.query<{
    status: string;
    previous_status: string | null;
    source: string;
    incident_id: string | null;
    maintenance_id: string | null;
  }>(
    `select status, previous_status, source, incident_id, maintenance_id from public.service_status_history
     where service_id = $1 order by created_at, id`,
    [serviceId],
  );
}

/** The org's events of some type prefix, in seq order. */
export async function eventsOf(db: Database, orgId: string, typePrefix: string) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- event payloads are checked by expectations
  return db.query<{ seq: number; type: string; payload: any }>(
    `select seq, type, payload from public.status_events where org_id = $1 and type like $2 order by seq`,
    [orgId, `${typePrefix}%`],
  );
}

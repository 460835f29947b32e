import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';
import { asSystem } from '../../db/doors.ts';
import { hashApiKeySecret } from '../../auth/api-key-secret.ts';

// Anything that looks like a credential: our key secrets, SHA-256 hex, JWTs, and fields named so.
const credentialPatterns = [/lsk_[A-Za-z0-9_-]{20,}/, /\b[0-9a-f]{64}\b/, /eyJ[\w-]{8,}\.[\w-]{8,}\./];
const credentialKey = /secret|hash|token|password/i;

function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
  return [];
}

describe('the event log never holds a credential', () => {
  let t: TestContext;
  let world: TenantWorld;
  const known: string[] = [];

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    const admin = await t.tokens.sign(world.users.adminA.id, world.users.adminA.email);
    known.push(admin);
    const headers = { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' };
    const base = `/api/organizations/${world.orgA.id}`;
    // Exercise what writes events with credentials nearby: keys created, used, revoked.
    for (const scopes of [['read'], ['status:write', 'incidents:write'], ['alerts:write']]) {
      const res = await t.app.request(`${base}/api-keys`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'scan', scopes }),
      });
      expect(res.status).toBe(201);
      const { data } = (await res.json()) as { data: { id: string; secret: string } };
      known.push(data.secret, hashApiKeySecret(data.secret));
      await t.app.request(`${base}/events`, { headers: { Authorization: `Bearer ${data.secret}` } });
      expect((await t.app.request(`${base}/api-keys/${data.id}`, { method: 'DELETE', headers })).status).toBe(204);
    }
  });
  afterAll(() => t.close());

  it('has events to scan', async () => {
    const [row] = await asSystem(t.db, 'test', (tx) =>
      tx.query<{ n: number }>(`select count(*)::int as n from public.status_events where type like 'api_key.%'`),
    );
    expect(row!.n).toBe(6);
  });

  it('contains no secret, hash or token in any payload or actor', async () => {
    const events = await asSystem(t.db, 'test', (tx) =>
      tx.query<{ type: string; payload: unknown; actor: unknown }>(
        'select type, payload, actor from public.status_events',
      ),
    );
    for (const event of events) {
      const text = JSON.stringify([event.payload, event.actor]);
      for (const secret of known) expect(text, event.type).not.toContain(secret);
      for (const pattern of credentialPatterns) expect(text, event.type).not.toMatch(pattern);
      expect(
        keysOf(event.payload).filter((k) => credentialKey.test(k)),
        event.type,
      ).toEqual([]);
    }
  });
});

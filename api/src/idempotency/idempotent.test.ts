import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRoute, z } from '@hono/zod-openapi';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createApiKey, createTenantWorld, type TenantWorld } from '../../test/fixtures.ts';
import { createApp, type App } from '../app.ts';
import { defineRoute } from '../http/define-route.ts';
import { asCaller } from '../http/caller-door.ts';
import { appendEvent } from '../db/events.ts';
import { asSystem } from '../db/doors.ts';
import { routeTable } from '../routes/index.ts';
import { idempotent } from './idempotent.ts';

// A write route of the shape the real ones have, so the middleware is tested on its own. A gate holds
// the first request that reaches the handler (its claim is committed by then) until the test opens it;
// `held` says it is there, so a duplicate is sent only once the first request holds the key. Two
// requests in flight at once reach the claim in either order, so without `held` the duplicate could
// become the holder and wait at the gate forever.
interface Gate {
  held: Promise<void>;
  open: () => void;
  hold: () => Promise<void>;
}
let gate: Gate | null = null;
function closeGate(): Gate {
  let open!: () => void;
  let reached!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const held = new Promise<void>((resolve) => (reached = resolve));
  let taken = false;
  return {
    held,
    open,
    // Only one request waits: a second one (a bug) runs on and fails an assertion instead of hanging.
    hold: () => {
      if (taken) return Promise.resolve();
      taken = true;
      reached();
      return opened;
    },
  };
}
const testWrite = defineRoute(
  { kind: 'org', role: 'member', scopes: ['status:write'] },
  createRoute({
    method: 'post',
    path: '/api/organizations/{orgId}/idempotency-probe',
    middleware: [idempotent()],
    request: {
      params: z.object({ orgId: z.uuid() }),
      body: {
        content: { 'application/json': { schema: z.object({ name: z.string().min(1), n: z.number().optional() }) } },
      },
    },
    responses: {
      201: {
        description: 'Written',
        content: {
          'application/json': { schema: z.object({ data: z.object({ seq: z.number(), name: z.string() }) }) },
        },
      },
    },
  }),
  async (c) => {
    const { name } = c.req.valid('json');
    if (gate) await gate.hold();
    const event = await asCaller(c, (tx) => appendEvent(tx, c.var.org.orgId, 'probe.written', { name }));
    return c.json({ data: { seq: event.seq, name } }, 201);
  },
);

describe('Idempotency-Key', () => {
  let t: TestContext;
  let app: App;
  let world: TenantWorld;
  let member: string;
  const writes = async () => {
    const [row] = await asSystem(t.db, 'test', (tx) =>
      tx.query<{ n: number }>(
        `select count(*)::int as n from public.status_events where org_id = $1 and type = 'probe.written'`,
        [world.orgA.id],
      ),
    );
    return row!.n;
  };
  const post = (key: string | null, body: unknown, token = member) =>
    app.request(`/api/organizations/${world.orgA.id}/idempotency-probe`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        ...(key ? { 'Idempotency-Key': key } : {}),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await createTestContext();
    app = createApp(t.deps, [...routeTable, testWrite]);
    world = await createTenantWorld(t.db);
    member = await t.tokens.sign(world.users.memberA.id, world.users.memberA.email);
  });
  afterAll(() => t.close());
  // A failed test must not leave a request held for the next one.
  afterEach(() => {
    gate?.open();
    gate = null;
  });

  it('answers a repeat with the first answer and writes once', async () => {
    const before = await writes();
    const first = await post('key-1', { name: 'a', n: 1 });
    expect(first.status).toBe(201);
    const firstBody = await first.text();
    // Same request with other key order and whitespace.
    const again = await post('key-1', '{ "n": 1,  "name": "a" }');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe(firstBody);
    expect(await writes()).toBe(before + 1);
  });

  it('refuses the same key with another body (422) and changes nothing', async () => {
    await post('key-2', { name: 'a' });
    const before = await writes();
    const other = await post('key-2', { name: 'b' });
    expect(other.status).toBe(422);
    const body = (await other.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unprocessable');
    expect(body.error.message).toMatch(/different request/);
    expect(await writes()).toBe(before);
  });

  it('runs requests without the header every time', async () => {
    const before = await writes();
    await post(null, { name: 'x' });
    await post(null, { name: 'x' });
    expect(await writes()).toBe(before + 2);
  });

  it('does not store a refused request: a corrected retry with the same key runs', async () => {
    const bad = await post('key-3', { name: '' });
    expect(bad.status).toBe(400);
    const good = await post('key-3', { name: 'fixed' });
    expect(good.status).toBe(201);
    expect(good.headers.get('idempotent-replayed')).toBeNull();
  });

  it('answers a concurrent duplicate with 409 and Retry-After, then replays', async () => {
    const held = (gate = closeGate());
    const before = await writes();
    const first = post('key-4', { name: 'slow' });
    // The first request holds its claim (committed before its handler runs) until the gate opens.
    await held.held;
    const duplicate = await post('key-4', { name: 'slow' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.headers.get('retry-after')).toBe('1');
    held.open();
    gate = null;
    const firstRes = await first;
    expect(firstRes.status).toBe(201);
    const replay = await post('key-4', { name: 'slow' });
    expect(replay.status).toBe(201);
    expect(await replay.json()).toEqual(await firstRes.json());
    expect(await writes()).toBe(before + 1);
  });

  it('lets exactly one holder commit when an abandoned claim is taken over', async () => {
    const held = (gate = closeGate());
    const before = await writes();
    const stuck = post('key-5', { name: 'stuck' });
    await held.held;
    const busy = await post('key-5', { name: 'stuck' });
    expect(busy.status).toBe(409);
    gate = null;
    t.clock.advance(61_000); // past the lease: the first claim looks abandoned
    const takeover = await post('key-5', { name: 'stuck' });
    expect(takeover.status).toBe(201);
    held.open();
    const late = await stuck;
    expect(late.status).toBe(409); // its transaction found the claim gone and rolled back
    expect(await writes()).toBe(before + 1);
  });

  it('scopes keys to the caller and forgets them after 24 hours', async () => {
    const key = await createApiKey(t.db, world.orgA.id, ['status:write']);
    const before = await writes();
    expect((await post('key-6', { name: 'k' })).status).toBe(201);
    const byKey = await post('key-6', { name: 'k' }, key.secret);
    expect(byKey.status).toBe(201);
    expect(byKey.headers.get('idempotent-replayed')).toBeNull();
    expect((await post('key-6', { name: 'k' }, key.secret)).headers.get('idempotent-replayed')).toBe('true');
    expect(await writes()).toBe(before + 2);
    t.clock.advance(24 * 60 * 60 * 1000 + 1000);
    const later = await post('key-6', { name: 'k' });
    expect(later.headers.get('idempotent-replayed')).toBeNull();
    expect(await writes()).toBe(before + 3);
  });

  it('refuses a malformed key', async () => {
    const res = await post('x'.repeat(256), { name: 'a' });
    expect(res.status).toBe(400);
  });
});

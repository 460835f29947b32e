import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { routeTable } from '../../src/routes/index.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestContext, type TestContext } from '../test-app.ts';
import { createUser } from '../fixtures.ts';
import { allCallers, authorizationFor, expectedStatus } from '../route-matrix/callers.ts';
import { rowFiles } from '../route-matrix/rows/index.ts';
import { sendMatrixRequest } from '../route-matrix/send.ts';
import { snapshotOrg } from '../route-matrix/snapshot.ts';
import type { CallerName, MatrixRow } from '../route-matrix/types.ts';
import { createMatrixWorld, type MatrixWorld } from '../route-matrix/world.ts';
import { applyMutation, mutation, type MassField } from './hostile-input.ts';

/**
 * Property-based hostile input over EVERY write route of the route table (method ≠ GET), as every
 * caller of the route matrix. Each run takes the route's valid request (its matrix row) and breaks
 * it: malformed JSON, invalid UTF-8, wrong types, huge and unicode-edge strings, unknown fields,
 * mass-assignment fields. Whatever comes back:
 * - never a 5xx; a refusal is the standard error body, and leaves org A exactly as it was;
 * - org B (never addressed) never changes;
 * - mass-assignment fields (`org_id`, `id`, `role`, `created_by`, `key_hash`, `user_id`) are refused
 *   or ignored: their marker values never show up in the answer or in org A's rows;
 * - no secret or hash (API key secrets, their hashes, refresh/email token hashes, password hashes)
 *   in any answer or any log line.
 * FUZZ_RUNS (default 1: about 550 requests, CI) runs per allowed caller and route; callers the
 * access check refuses get one run each (it answers before the body is read). FUZZ_RUNS=10 for a
 * deeper search; FC_SEED=<n> replays a failure's seed (fast-check prints it).
 */

const runsPerAllowedCaller = Number(process.env.FUZZ_RUNS ?? 1);
const seed = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {};
const writeRoutes = routeTable.filter(({ route }) => route.method.toLowerCase() !== 'get').map(({ route }) => route);
const rows = new Map<string, MatrixRow>(Object.values(rowFiles).flatMap((file) => Object.entries(file)));
const keyOf = (route: { method: string; path: string }) => `${route.method.toUpperCase()} ${route.path}`;

// Answers that hand out a new API key secret by design (shown once, at creation).
const mintsKeys = new Set(['POST /api/organizations/{orgId}/api-keys']);
const secretPattern = /lsk_[A-Za-z0-9_-]{16,}/;
const jwtPattern = /eyJ[\w-]{8,}\.[\w-]{8,}\./;
const hashFieldPattern = /"(key_hash|token_hash|encrypted_password|password_hash)"|\$argon2/;

describe('hostile input over every write route (fast-check)', () => {
  let t: TestContext;
  const logLines: string[] = [];
  const answers: { key: string; text: string }[] = [];
  const handedOut: string[] = []; // secrets of the worlds' keys, never to be shown again

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    t = await createTestContext({ LOG_LEVEL: 'debug' }, {}, { log: createLogger('debug', sink) });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('covers every write route (each has a matrix row)', () => {
    expect(writeRoutes.length).toBeGreaterThan(30);
    expect(writeRoutes.map(keyOf).filter((key) => !rows.has(key))).toEqual([]);
  });

  for (const route of writeRoutes) {
    const key = keyOf(route);
    it(`${key}: no 5xx, no cross-org change, error bodies, no mass assignment`, async () => {
      const row = rows.get(key)!;
      await fuzzRoute(t, key, route.method, route.path, row, answers, handedOut);
    });
  }

  it('never shows a secret or hash in any answer or log line', async () => {
    const stored = await t.db.query<{ value: string }>(
      `select key_hash as value from public.api_keys
       union all select token_hash from public.refresh_tokens
       union all select token_hash from public.auth_tokens
       union all select encrypted_password from auth.users where encrypted_password is not null`,
    );
    const hashes = stored.map((r) => r.value);
    expect(hashes.length).toBeGreaterThan(100);
    expect(answers.length).toBeGreaterThan(300);
    // Refresh tokens handed out (login/refresh answer them by design) must never reach a log line.
    const refreshTokens = answers.flatMap(({ text }) =>
      [...text.matchAll(/"refresh_token":"([^"]+)"/g)].map((m) => m[1]!),
    );
    const secrets = [...handedOut, ...hashes];
    for (const { key, text } of answers) {
      expect(text, key).not.toMatch(hashFieldPattern);
      if (!mintsKeys.has(key)) expect(text, key).not.toMatch(secretPattern);
      const words = wordsOf(text);
      expect(
        secrets.filter((secret) => words.has(secret)),
        `${key} shows a secret`,
      ).toEqual([]);
    }
    expect(logLines.length).toBeGreaterThanOrEqual(answers.length); // a request line per answer, at least
    const log = logLines.join('');
    expect(log).not.toMatch(secretPattern);
    expect(log).not.toMatch(jwtPattern);
    expect(log).not.toMatch(hashFieldPattern);
    const logWords = wordsOf(log);
    expect(
      [...secrets, ...refreshTokens].filter((secret) => logWords.has(secret)),
      'a log line shows a secret',
    ).toEqual([]);
  });
});

/** Every run of token characters in `text` (secrets, hashes and tokens are such runs, between quotes). */
function wordsOf(text: string): Set<string> {
  return new Set(text.match(/[A-Za-z0-9_\-+/=$.,:]{16,}/g) ?? []);
}

/** The world a run works in; replaced after a successful write (it may have deleted what others need). */
interface Arena {
  world: MatrixWorld;
  bystander: { id: string };
  orgB: Record<string, unknown[]>;
  adminsA: string[];
}

async function openArena(t: TestContext, handedOut: string[]): Promise<Arena> {
  const world = await createMatrixWorld(t);
  handedOut.push(...Object.values(world.keysA).map((k) => k.secret), world.keyB.secret);
  return {
    world,
    bystander: await createUser(t.db),
    orgB: await snapshotOrg(t.db, world.orgB.id),
    adminsA: [world.users.adminA.id],
  };
}

async function fuzzRoute(
  t: TestContext,
  key: string,
  method: string,
  path: string,
  row: MatrixRow,
  answers: { key: string; text: string }[],
  handedOut: string[],
): Promise<void> {
  let arena = await openArena(t, handedOut);
  const markerId = randomUUID();
  const markerHash = randomBytes(32).toString('hex');
  const orgBUnchanged = async (label: string) =>
    expect(await snapshotOrg(t.db, arena.world.orgB.id), `${label} changed org B`).toEqual(arena.orgB);

  for (const caller of allCallers) {
    const allowed = expectedStatus(row, caller) < 400;
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const { world, bystander } = arena;
        const request = await row.request({ t, world, caller });
        const massValues: Record<MassField, string> = {
          org_id: world.orgB.id,
          id: markerId,
          role: 'admin',
          created_by: bystander.id,
          key_hash: markerHash,
          user_id: bystander.id,
        };
        const { body, injected } = applyMutation(request.json, m, massValues);
        const label = `${key} as ${caller} with ${m.kind}${injected.length ? ` [${injected.join(',')}]` : ''}`;
        // A caller the access check refuses never reaches the handler: the org row (its event seq moves
        // with every write) is proof enough there; callers it lets through get the full snapshot.
        const fingerprint = allowed ? snapshotOrg : orgRow;
        const before = await fingerprint(t.db, world.orgA.id);
        const res = await sendMatrixRequest(
          t,
          method,
          path,
          { ...request, json: undefined, body, headers: { ...request.headers, 'Content-Type': 'application/json' } },
          await authorizationFor(t, world, caller),
        );
        const text = await res.text();
        answers.push({ key, text });
        expect(res.status, `${label}: ${text.slice(0, 300)}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect(JSON.parse(text), label).toMatchObject({
            error: { code: expect.any(String), message: expect.any(String), requestId: expect.any(String) },
          });
          expect(await fingerprint(t.db, world.orgA.id), `${label} was refused but changed org A`).toEqual(before);
          return;
        }
        // Accepted: the injected fields were ignored, not applied.
        for (const marker of [markerId, markerHash, bystander.id])
          expect(text.includes(marker), `${label}: answer carries an injected value`).toBe(false);
        const after = JSON.stringify(await snapshotOrg(t.db, world.orgA.id));
        for (const marker of [markerId, markerHash, bystander.id, world.orgB.id])
          expect(after.includes(marker), `${label}: org A holds an injected value`).toBe(false);
        const [{ n } = { n: 0 }] = await t.db.query<{ n: number }>(
          'select count(*)::int as n from public.organizations where id = $1',
          [markerId],
        );
        expect(n, `${label}: an org was created with the injected id`).toBe(0);
        if (injected.includes('role')) await expectNoNewAdmin(t, arena, label);
        await orgBUnchanged(label);
        arena = await openArena(t, handedOut);
      }),
      { numRuns: allowed ? runsPerAllowedCaller : 1, endOnFailure: true, ...seed },
    );
  }
  await orgBUnchanged(key);
}

/** Org A's row: its `last_event_seq` moves with every write (each appends an event). */
async function orgRow(db: TestContext['db'], orgId: string): Promise<Record<string, unknown[]>> {
  return { organizations: await db.query('select * from public.organizations where id = $1', [orgId]) };
}

/** An injected `role` never made anyone an admin of org A. */
async function expectNoNewAdmin(t: TestContext, arena: Arena, label: string): Promise<void> {
  const admins = await t.db.query<{ user_id: string }>(
    `select user_id from public.organization_members where org_id = $1 and role = 'admin'`,
    [arena.world.orgA.id],
  );
  for (const { user_id } of admins) expect(arena.adminsA, `${label}: a new admin`).toContain(user_id);
}

export type { CallerName };

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../src/routes/index.ts';
import { createTestContext, type TestContext } from '../test-app.ts';
import { allCallers, authorizationFor, expectedStatus } from './callers.ts';
import { rowFiles } from './rows/index.ts';
import { closeMatrixServers, sendMatrixRequest } from './send.ts';
import { snapshotOrg } from './snapshot.ts';
import { expectSecurityHeaders } from './security-headers.ts';
import type { CallerName, MatrixRow } from './types.ts';
import { createMatrixWorld, type MatrixWorld } from './world.ts';

const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
const routeKeys = routeTable.map(({ route }) => routeKey(route.method, route.path));
// Public routes show org A's public page to anyone by design; the "learns nothing" check is for the rest.
const publicKeys = new Set(
  routeTable.filter(({ access }) => access.kind === 'public').map(({ route }) => routeKey(route.method, route.path)),
);

/** All rows merged; a key defined in two files is an error, not a silent override. */
function mergeRows(): { rows: Map<string, MatrixRow>; duplicates: string[] } {
  const rows = new Map<string, MatrixRow>();
  const duplicates: string[] = [];
  for (const [file, fileRows] of Object.entries(rowFiles)) {
    for (const [key, row] of Object.entries(fileRows)) {
      if (rows.has(key)) duplicates.push(`${key} (again in rows/${file}.ts)`);
      rows.set(key, row);
    }
  }
  return { rows, duplicates };
}

const { rows, duplicates } = mergeRows();

describe('route × caller matrix: coverage', () => {
  it('has a row for every route of the route table', () => {
    expect(routeKeys.filter((key) => !rows.has(key))).toEqual([]);
  });
  it('has no row for a route that does not exist', () => {
    expect([...rows.keys()].filter((key) => !routeKeys.includes(key))).toEqual([]);
  });
  it('defines every row once', () => {
    expect(duplicates).toEqual([]);
  });
});

describe('route × caller matrix', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => {
    await closeMatrixServers();
    await t.close();
  });

  for (const { route } of routeTable) {
    const key = routeKey(route.method, route.path);
    const row = rows.get(key);
    if (!row) continue; // reported by the coverage test
    describe(key, () => {
      // Refused callers change nothing (each case verifies it), so they share one world; a caller
      // that succeeds gets a fresh one, since its request may delete or rename what others need.
      let sharedWorld: MatrixWorld | undefined;
      for (const caller of allCallers) {
        const status = expectedStatus(row, caller);
        it(`${caller} → ${status}`, async () => {
          const refused = status >= 400;
          const world = refused ? (sharedWorld ??= await createMatrixWorld(t)) : await createMatrixWorld(t);
          await runCase(t, key, route.method, route.path, row, world, caller, status);
        });
      }
    });
  }
});

async function runCase(
  t: TestContext,
  key: string,
  method: string,
  path: string,
  row: MatrixRow,
  world: MatrixWorld,
  caller: CallerName,
  status: number,
): Promise<void> {
  const request = await row.request({ t, world, caller });
  const before = status >= 400 ? await snapshotOrg(t.db, world.orgA.id) : null;
  const res = await sendMatrixRequest(t, method, path, request, await authorizationFor(t, world, caller));
  // An open event stream never ends: its status and headers are the answer, then it is closed.
  const streaming = res.headers.get('content-type')?.startsWith('text/event-stream') ?? false;
  if (streaming) await res.body?.cancel();
  const text = streaming ? '' : await res.text();
  expect(res.status, `${key} as ${caller}: ${text.slice(0, 300)}`).toBe(status);
  expectSecurityHeaders(res, key, path, `${key} as ${caller}`);
  // The other org's callers learn nothing of org A, whether they are refused or not.
  if ((caller === 'otherAdmin' || caller === 'otherKey') && !publicKeys.has(key)) {
    expect(text, `${key} as ${caller} revealed org A`).not.toContain(world.orgA.slug);
  }
  if (!before) return;
  // A refusal is the standard error body and leaves org A as it was.
  expect(JSON.parse(text)).toMatchObject({
    error: { code: expect.any(String), message: expect.any(String), requestId: expect.any(String) },
  });
  expect(await snapshotOrg(t.db, world.orgA.id), `${key} as ${caller} changed org A`).toEqual(before);
}

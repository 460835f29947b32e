import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { findImportCycles, importsInto, readImportGraph } from './import-graph.ts';

const src = fileURLToPath(new URL('../../src/', import.meta.url));
const fixture = fileURLToPath(new URL('./fixture-cycle/', import.meta.url));
const isTest = (file: string) => /\.test\.ts$/.test(file);
const graph = readImportGraph(src, isTest);

/**
 * Imports point down (docs/architecture.md): routes → domain modules → db/contract. A cycle, even a
 * type-only one, ties modules that should stand alone; a lower module importing a route turns the
 * layers upside down. Tests are left out (they may reach anywhere).
 */
describe('imports of api/src', () => {
  it('reads the real graph', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('app.ts')).toContain('routes/index.ts');
  });

  it('has no import cycle, runtime or type-only', () => {
    expect(findImportCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('finds a planted cycle, type-only link included, and nothing else', () => {
    expect(findImportCycles(readImportGraph(fixture))).toEqual([
      ['a/start.ts', 'b/middle.ts', 'b/end.ts', 'a/start.ts'],
    ]);
  });

  // app.ts builds the app from the route table and serve.ts starts it; test kits drive the routes.
  const exempt = (file: string) =>
    file === 'app.ts' || file === 'serve.ts' || /(^|\/)[a-z-]*(test-kit|test-client)\.ts$/.test(file);

  it('has no file outside routes/ importing routes/ (imports point down)', () => {
    expect(importsInto(graph, 'routes/', exempt)).toEqual([]);
  });

  it('the upward rule bites: a lower file importing a route is reported', () => {
    const planted = new Map(graph);
    planted.set('status/recompute.ts', new Set([...graph.get('status/recompute.ts')!, 'routes/index.ts']));
    expect(importsInto(planted, 'routes/', exempt)).toEqual(['status/recompute.ts → routes/index.ts']);
  });
});

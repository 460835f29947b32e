import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { declaredMetricNames } from './promtool-test-kit.ts';

const dashboardPath = new URL('../../../docs/grafana/lantern-operator.json', import.meta.url);

/** PromQL functions, keywords and label names the queries use that are not metric names. */
const notMetrics = new Set(['sum', 'by', 'rate', 'increase', 'histogram_quantile', 'max', 'le', 'job', 'e9']);

/** Metric names a PromQL expression refers to (identifiers before `{`, `[` or an operator, minus functions). */
function metricNames(expr: string): string[] {
  const withoutStrings = expr
    .replace(/"[^"]*"/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\([a-z_, ]*\)/g, '()');
  return [...withoutStrings.matchAll(/[a-zA-Z_:][\w:]*/g)]
    .map((m) => m[0])
    .filter((name) => !notMetrics.has(name) && !name.startsWith('__'));
}

/** A histogram's `_bucket`, `_sum` and `_count` series belong to the histogram's declared name. */
const familyOf = (name: string) => name.replace(/_(bucket|sum|count)$/, '');

describe('docs/grafana/lantern-operator.json', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('queries only metric names that GET /metrics exposes', async () => {
    const dashboard = JSON.parse(readFileSync(dashboardPath, 'utf8')) as {
      panels: { targets: { expr: string }[] }[];
    };
    const exposed = declaredMetricNames(await (await t.app.request('/metrics')).text());
    const referenced = dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => metricNames(target.expr)));
    expect(referenced.length).toBeGreaterThan(20);
    const unknown = referenced.filter((name) => !exposed.has(name) && !exposed.has(familyOf(name)));
    expect(unknown).toEqual([]);
  });
});

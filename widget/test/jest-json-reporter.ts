// A @web/test-runner reporter that writes a Jest-style JSON report (the shape vitest's `--reporter=json`
// writes), so scripts/test-summary.ts totals the browser tests with the others: passed, failed, and
// skipped ones (which fail the run), and a file that failed to load counts as failed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Reporter, TestSession, TestSuiteResult } from '@web/test-runner';

interface Assertion {
  fullName: string;
  status: 'passed' | 'failed' | 'pending';
  failureMessages: string[];
}

function collect(suite: TestSuiteResult | undefined, path: string[], into: Assertion[]): void {
  if (!suite) return;
  for (const test of suite.tests) {
    into.push({
      fullName: [...path, test.name].join(' > '),
      status: test.skipped ? 'pending' : test.passed ? 'passed' : 'failed',
      failureMessages: test.error ? [test.error.message] : [],
    });
  }
  for (const child of suite.suites) collect(child, [...path, child.name], into);
}

/** Writes the report of the whole run to `outputFile`. */
export function jestJsonReporter({ outputFile }: { outputFile: string }): Reporter {
  return {
    onTestRunFinished({ sessions }: { sessions: TestSession[] }) {
      const testResults = sessions.map((session) => {
        const assertionResults: Assertion[] = [];
        collect(session.testResults, [], assertionResults);
        const errors = session.errors.map((e) => e.message);
        const failed = !session.passed || assertionResults.some((a) => a.status === 'failed');
        return {
          name: `${session.testFile} (${session.browser.name})`,
          status: failed ? 'failed' : 'passed',
          message: errors.join('\n'),
          assertionResults,
        };
      });
      const all = testResults.flatMap((r) => r.assertionResults);
      const report = {
        numPassedTests: all.filter((a) => a.status === 'passed').length,
        numFailedTests: all.filter((a) => a.status === 'failed').length,
        numPendingTests: all.filter((a) => a.status === 'pending').length,
        numTotalTests: all.length,
        success: testResults.every((r) => r.status === 'passed'),
        testResults,
      };
      mkdirSync(dirname(outputFile), { recursive: true });
      writeFileSync(outputFile, JSON.stringify(report, null, 1));
    },
  };
}

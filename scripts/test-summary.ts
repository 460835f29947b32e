// Totals the Jest-style JSON reports (vitest's `--reporter=json`) in one folder and prints the closing
// line of `npm test`: "N passed, N failed". Exits non-zero when anything failed, when a test was
// skipped or left as todo (CI must never pass with a silent skip), or when no test ran at all.
//   npx node scripts/test-summary.ts .tmp/test-reports
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface AssertionResult {
  fullName: string;
  status: string;
}

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; status: string; message?: string; assertionResults: AssertionResult[] }[];
}

const notRunStatuses = ['skipped', 'pending', 'todo', 'disabled'];
const folder = process.argv[2] ?? '.tmp/test-reports';
const files = readdirSync(folder).filter((name) => name.endsWith('.json'));
let passed = 0;
let failed = 0;
const skipped: string[] = [];
const problems: string[] = [];

for (const file of files) {
  const report = JSON.parse(readFileSync(join(folder, file), 'utf8')) as Report;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  for (const suite of report.testResults) {
    const notRun = suite.assertionResults.filter((a) => notRunStatuses.includes(a.status));
    if (suite.status === 'failed' && !suite.assertionResults.some((a) => a.status === 'failed')) {
      // The file failed outside any test (import error, failing beforeAll): its tests did not run,
      // and each of them counts as failed (a file that could not even be collected counts once).
      failed += Math.max(notRun.length, 1);
      const reason = suite.message?.split('\n')[0] || 'a hook or the file itself failed (see the output above)';
      problems.push(
        `${suite.name}: ${notRun.length > 0 ? `${notRun.length} test(s) did not run` : 'could not load'}: ${reason}`,
      );
      continue;
    }
    for (const a of notRun) skipped.push(`${a.status}: ${a.fullName}`);
  }
}

if (files.length === 0) problems.push(`no test report in ${folder}: the test runner did not finish`);
else if (passed + failed === 0) problems.push('no test ran');
for (const line of problems) console.error(`✗ ${line}`);
if (skipped.length > 0) {
  console.error(`✗ ${skipped.length} test(s) skipped or todo; the suite runs every test:`);
  for (const line of skipped) console.error(`  ${line}`);
}
console.log(`${passed} passed, ${failed + skipped.length} failed`);
process.exit(failed > 0 || skipped.length > 0 || problems.length > 0 ? 1 : 0);

#!/usr/bin/env bash
# `npm test`: system packages, typecheck, lint, then every test; ends with "N passed, N failed".
# The suite runs on PGlite, and also on the PostgreSQL server of DATABASE_URL when it is set.
# A test step writes a Jest-style JSON report into $reports; scripts/test-summary.ts totals them and
# fails the run on any failed, skipped or todo test. Adding a test runner is one more `step` line.
set -euo pipefail
cd "$(dirname "$0")/.."

reports=.tmp/test-reports
rm -rf "$reports"
mkdir -p "$reports"
status=0

# Runs one step. A failing step fails the run, but later steps still run so one run shows everything.
step() {
  local name=$1
  shift
  echo
  echo "── $name"
  if ! "$@"; then
    echo "✗ $name failed"
    status=1
  fi
}

# Without the system packages the suite cannot run at all: stop here, naming what is missing.
bash scripts/check-system-deps.sh

step "typecheck" npm run --silent typecheck
step "lint" npm run --silent lint
step "unit, API and database tests" npx vitest run --reporter=default --reporter=json --outputFile="$reports/vitest.json"
step "widget in Chromium (@web/test-runner)" env WTR_REPORT="$reports/widget-browser.json" \
  npx wtr --config widget/web-test-runner.config.mjs
step "admin components in Chromium (@web/test-runner)" env WTR_REPORT="$reports/admin-browser.json" \
  npx wtr --config admin/web-test-runner.config.mjs

echo
npx node scripts/test-summary.ts "$reports" || status=1
exit $status

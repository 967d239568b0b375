#!/usr/bin/env bash
# README command 2: install everything (incl. PostgreSQL and Chromium), then format check,
# lint, typecheck and every test (db suite on SQLite and PostgreSQL, browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --test
pnpm --filter @mimamori/admin build >&2
mkdir -p .tmp
status=0
# The same steps as `pnpm check`, with a JSON report for the closing line.
# Every step runs even after a failure, so one run shows every problem; any failure fails.
pnpm format:check >&2 || status=1
pnpm lint >&2 || status=1
pnpm typecheck >&2 || status=1
rm -f .tmp/vitest.json
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json || status=$?
node scripts/summarize-tests.mjs .tmp/vitest.json || status=1
exit "$status"

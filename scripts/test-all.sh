#!/usr/bin/env bash
# `npm test`: every test runner, then one line "N passed, N failed" summed over all of them.
# With DATABASE_URL set, integration and browser tests use that PostgreSQL server
# (integration tests in fresh databases of their own); without it, embedded PGlite.
set -uo pipefail
cd "$(dirname "$0")/.."
rm -rf test-results && mkdir -p test-results
status=0

echo "== static checks (svelte-check, eslint, prettier)"
npm run --silent check || { echo "svelte-check failed"; status=1; }
npm run --silent lint || { echo "lint failed"; status=1; }

echo "== unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=1

echo "== build"
if npx vite build --logLevel warn > test-results/build.log 2>&1; then
	echo "== browser tests (playwright)"
	npx playwright test || status=1
else
	tail -40 test-results/build.log
	echo "build failed: browser tests not run"
	status=1
fi

node scripts/count-results.js || status=1
exit $status

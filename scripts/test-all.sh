#!/usr/bin/env bash
# `npm test`: every test runner, then one line "N passed, N failed" summed over all of them.
# With DATABASE_URL set, integration and browser tests use that PostgreSQL server
# (integration tests in fresh databases of their own); without it, embedded PGlite.
set -uo pipefail
cd "$(dirname "$0")/.."
rm -rf test-results && mkdir -p test-results
status=0
# Static checks count as one test each in the summary, so a red check cannot hide behind green tests.
gates_passed=0
gates_failed=0
gate() {
	local name=$1
	shift
	if "$@"; then gates_passed=$((gates_passed + 1)); else echo "$name failed"; gates_failed=$((gates_failed + 1)); status=1; fi
}

echo "== static checks (svelte-check, eslint, prettier)"
gate "svelte-check" npm run --silent check
gate "lint" npm run --silent lint

echo "== unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json \
	--reporter=./scripts/vitest-errors-reporter.js
vitest_exit=$?
[ "$vitest_exit" -eq 0 ] || status=1

echo "== build"
if npx vite build --logLevel warn > test-results/build.log 2>&1; then
	echo "== browser tests (playwright)"
	npx playwright test
	playwright_exit=$?
	[ "$playwright_exit" -eq 0 ] || status=1
else
	tail -40 test-results/build.log
	echo "build failed: browser tests not run"
	status=1
fi

VITEST_EXIT=$vitest_exit PLAYWRIGHT_EXIT=${playwright_exit:-0} \
	GATES_PASSED=$gates_passed GATES_FAILED=$gates_failed node scripts/count-results.js || status=1
exit $status

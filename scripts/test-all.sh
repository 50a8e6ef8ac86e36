#!/usr/bin/env bash
# `npm test`: every test runner, then one line "N passed, N failed" summed over all of them.
# With DATABASE_URL set, integration and browser tests use that PostgreSQL server
# (integration tests in fresh databases of their own); without it, embedded PGlite.
set -uo pipefail
cd "$(dirname "$0")/.."
rm -rf test-results && mkdir -p test-results
status=0
# Each stage prints its duration, so a slow CI run shows where the time went.
SECONDS=0
stage_start=-1
stage() {
	[ "$stage_start" -lt 0 ] || echo "== ($((SECONDS - stage_start))s)"
	stage_start=$SECONDS
	[ -z "${1:-}" ] || echo "== $1"
}
# Static checks count as one test each in the summary, so a red check cannot hide behind green tests.
gates_passed=0
gates_failed=0
gate() {
	local name=$1
	shift
	if "$@"; then gates_passed=$((gates_passed + 1)); else echo "$name failed"; gates_failed=$((gates_failed + 1)); status=1; fi
}

stage "svelte-check"
gate "svelte-check" npm run --silent check
stage "lint (prettier, eslint)"
gate "lint" npm run --silent lint

stage "unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json \
	--reporter=./scripts/vitest-errors-reporter.js
vitest_exit=$?
[ "$vitest_exit" -eq 0 ] || status=1

stage "build"
if npx vite build --logLevel warn > test-results/build.log 2>&1; then
	stage "browser tests (playwright)"
	npx playwright test
	playwright_exit=$?
	[ "$playwright_exit" -eq 0 ] || status=1
else
	tail -40 test-results/build.log
	echo "build failed: browser tests not run"
	status=1
fi

stage
echo "== npm test took ${SECONDS}s"
VITEST_EXIT=$vitest_exit PLAYWRIGHT_EXIT=${playwright_exit:-0} \
	GATES_PASSED=$gates_passed GATES_FAILED=$gates_failed node scripts/count-results.js || status=1
exit $status

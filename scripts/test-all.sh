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

# The generated messages and SvelteKit's types, once: the jobs below only read them
# (PARAGLIDE_COMPILED keeps Vite's Paraglide plugin from rewriting them, vite.config.ts).
stage "messages (paraglide) and SvelteKit types"
if npm run --silent paraglide && npx svelte-kit sync; then
	export PARAGLIDE_COMPILED=1
else
	echo "compiling the messages failed"
	status=1
fi

# Type check, lint and build share no outputs and have no timeouts, so they run side by side on
# the 2 CI cores; each prints its output and duration when all are done. The tests, which have
# timeouts, run afterwards, each runner on its own.
stage "svelte-check, scripts type check, lint (prettier, eslint) and build, side by side"
job() {
	local name=$1
	shift
	(
		start=$SECONDS
		"$@" >"test-results/$name.log" 2>&1
		echo $? >"test-results/$name.exit"
		echo $((SECONDS - start)) >"test-results/$name.seconds"
	) &
}
job svelte-check npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings
# scripts/ and the root config files, which svelte-check's tsconfig.json leaves out.
job check-scripts npx tsc -p tsconfig.scripts.json
job lint npm run --silent lint
job build npx vite build --logLevel warn
wait
report() {
	# svelte-check ends its output without a newline.
	[ -z "$(tail -c 1 "test-results/$1.log")" ] || echo
	echo "== $1 ($(cat "test-results/$1.seconds")s)"
	[ "$(cat "test-results/$1.exit")" -eq 0 ]
}
gate "svelte-check" eval 'cat test-results/svelte-check.log; report svelte-check'
gate "check:scripts" eval 'cat test-results/check-scripts.log; report check-scripts'
gate "lint" eval 'cat test-results/lint.log; report lint'
if report build; then build_ok=1; else build_ok=0; fi

stage "unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json \
	--reporter=./scripts/vitest-errors-reporter.js
vitest_exit=$?
[ "$vitest_exit" -eq 0 ] || status=1

if [ "$build_ok" -eq 1 ]; then
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

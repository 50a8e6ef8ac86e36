// Sums the reports of Vitest and Playwright into the one line CI reads: "N passed, N failed".
// Every failure a runner reports counts, not only failed tests: a failing hook or test file, an
// unhandled error, a Playwright error outside tests, a test that did not run because the project
// it depends on failed, and a runner that exited with an error its report does not explain.
// tests/unit/count-results.test.ts feeds it real reports of each case.
import { existsSync, readFileSync } from 'node:fs';

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);
const exitCode = (name) => Number(process.env[name] ?? 0);
let passed = Number(process.env.GATES_PASSED ?? 0);
let failed = Number(process.env.GATES_FAILED ?? 0);
const reasons = [];

function vitestFailures() {
	const report = read('test-results/vitest.json');
	if (!report) return { passed: 0, failed: 1, why: 'vitest wrote no report' };
	// scripts/vitest-errors-reporter.js: what the JSON report leaves out.
	const errors = read('test-results/vitest-errors.json') ?? {
		suiteErrors: [],
		unhandledErrors: []
	};
	let count = report.numFailedTests + errors.suiteErrors.length + errors.unhandledErrors.length;
	for (const e of errors.suiteErrors) reasons.push(`vitest: ${e.file}: ${e.message}`);
	for (const e of errors.unhandledErrors) reasons.push(`vitest: unhandled error: ${e.message}`);
	// Without the errors report, a failed suite is all the JSON report tells.
	if (!existsSync('test-results/vitest-errors.json') && count === 0)
		count = report.numFailedTestSuites;
	if (count === 0 && (report.success === false || exitCode('VITEST_EXIT') !== 0)) {
		reasons.push('vitest: the run failed outside any test');
		count = 1;
	}
	return { passed: report.numPassedTests, failed: count };
}

function playwrightFailures() {
	// playwright.config.ts keeps a run on another port (PW_PORT) apart in a folder of its own.
	const port = process.env.PW_PORT;
	const folder = port && port !== '4173' ? `test-results/port-${port}` : 'test-results';
	const report = read(`${folder}/playwright.json`);
	if (!report) return { passed: 0, failed: 1, why: 'playwright wrote no report' };
	let notRun = 0;
	const visit = (suite) => {
		for (const spec of suite.specs ?? [])
			for (const test of spec.tests) {
				// Skipped although meant to run: a dependency project failed, or the run was interrupted.
				if (test.status === 'skipped' && test.expectedStatus !== 'skipped') notRun += 1;
				else if (test.results.some((r) => r.status === 'interrupted')) notRun += 1;
			}
		for (const child of suite.suites ?? []) visit(child);
	};
	for (const suite of report.suites ?? []) visit(suite);
	if (notRun) reasons.push(`playwright: ${notRun} tests did not run`);
	for (const e of report.errors ?? [])
		reasons.push(`playwright: ${String(e.message).split('\n')[0]}`);
	let count = report.stats.unexpected + notRun + (report.errors?.length ?? 0);
	if (count === 0 && exitCode('PLAYWRIGHT_EXIT') !== 0) {
		reasons.push('playwright: the run failed outside any test');
		count = 1;
	}
	return { passed: report.stats.expected + report.stats.flaky, failed: count };
}

for (const runner of [vitestFailures(), playwrightFailures()]) {
	passed += runner.passed;
	failed += runner.failed;
	if (runner.why) reasons.push(runner.why);
}
for (const reason of reasons) console.log(`counted as failed: ${reason}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

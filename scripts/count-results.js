// Sums the JSON reports of Vitest and Playwright into the one line CI reads.
import { existsSync, readFileSync } from 'node:fs';

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);
let passed = Number(process.env.GATES_PASSED ?? 0);
let failed = Number(process.env.GATES_FAILED ?? 0);

const vitest = read('test-results/vitest.json');
if (vitest) {
	passed += vitest.numPassedTests;
	failed += vitest.numFailedTests;
} else failed += 1; // the runner itself did not finish

const playwright = read('test-results/playwright.json');
if (playwright) {
	passed += playwright.stats.expected + playwright.stats.flaky;
	failed += playwright.stats.unexpected;
} else failed += 1;

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

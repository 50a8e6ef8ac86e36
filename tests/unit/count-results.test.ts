import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const counter = resolve('scripts/count-results.js');
// Real reports of small deliberately failing runs (tests/unit/fixtures/reports/generate.sh).
const reports = resolve('tests/unit/fixtures/reports/out');
const dirs: string[] = [];

/** Runs the counter as CI does, in a folder whose test-results/ holds the named reports. */
async function summary(cases: string[], env: Record<string, string> = {}) {
	const dir = mkdtempSync(join(tmpdir(), 'ikz-count-'));
	dirs.push(dir);
	mkdirSync(join(dir, 'test-results'));
	for (const name of cases)
		cpSync(join(reports, name), join(dir, 'test-results'), { recursive: true });
	try {
		// Nothing of the surrounding run (its PW_PORT, exit codes, gates) may leak into the case.
		const base = {
			...process.env,
			...{
				PW_PORT: '4173',
				GATES_PASSED: '0',
				GATES_FAILED: '0',
				VITEST_EXIT: '0',
				PLAYWRIGHT_EXIT: '0'
			}
		};
		const { stdout } = await run('node', [counter], { cwd: dir, env: { ...base, ...env } });
		return { line: stdout.trim().split('\n').at(-1), exit: 0 };
	} catch (error) {
		const failed = error as { stdout: string; code: number };
		return { line: failed.stdout.trim().split('\n').at(-1), exit: failed.code };
	}
}

afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the summary line of npm test', () => {
	it('is green when every runner is green (a test skipped on purpose is no failure)', async () => {
		expect(await summary(['vitest-green', 'playwright-green'])).toEqual({
			line: '2 passed, 0 failed',
			exit: 0
		});
	});

	it('counts a failing beforeAll hook, whose tests Vitest only marks skipped', async () => {
		expect(await summary(['vitest-hook-fails', 'playwright-green'])).toEqual({
			line: '2 passed, 1 failed',
			exit: 1
		});
	});

	it('counts a test file that fails before any of its tests runs', async () => {
		expect(await summary(['vitest-suite-fails', 'playwright-green'])).toEqual({
			line: '2 passed, 1 failed',
			exit: 1
		});
	});

	it('counts an unhandled rejection although every test passed', async () => {
		expect(await summary(['vitest-unhandled', 'playwright-green'])).toEqual({
			line: '3 passed, 1 failed',
			exit: 1
		});
	});

	it('counts the browser tests that did not run because the project they depend on failed', async () => {
		// One failed test in the first project, and three tests in the dependent one never ran.
		expect(await summary(['vitest-green', 'playwright-dependency-fails'])).toEqual({
			line: '2 passed, 4 failed',
			exit: 1
		});
	});

	it('counts an error outside the browser tests (a file that cannot be loaded)', async () => {
		expect(await summary(['vitest-green', 'playwright-load-error'])).toEqual({
			line: '1 passed, 1 failed',
			exit: 1
		});
	});

	it('counts a runner that wrote no report at all', async () => {
		expect(await summary(['vitest-green'])).toEqual({ line: '1 passed, 1 failed', exit: 1 });
	});

	it('counts a runner that exited with an error its report does not show', async () => {
		expect(await summary(['vitest-green', 'playwright-green'], { VITEST_EXIT: '1' })).toEqual({
			line: '2 passed, 1 failed',
			exit: 1
		});
	});

	it('adds the static checks, one test each', async () => {
		const gates = { GATES_PASSED: '1', GATES_FAILED: '1' };
		expect(await summary(['vitest-green', 'playwright-green'], gates)).toEqual({
			line: '3 passed, 1 failed',
			exit: 1
		});
	});
});

/**
 * `npm run bench` must pass on a fresh clone (issue 18): its import step commits a German Excel
 * CSV through the app's import into a scratch database of its own. That step had failed since the
 * import began refusing decimals a KPI does not carry, and nobody ran it. A small run here keeps
 * it working: on the test server with DATABASE_URL, else on PGlite.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'ikz-bench-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function serverOf(databaseUrl: string): string {
	const url = new URL(databaseUrl);
	url.pathname = '/postgres';
	return url.toString();
}

test('the bench imports and commits its German CSV of 200 values', () => {
	const file = join(dir, 'steps.json');
	const server = process.env.DATABASE_URL;
	const run = spawnSync(
		process.execPath,
		[
			'--import',
			'tsx',
			'scripts/bench-import.ts',
			'--target',
			server ? 'postgres' : 'pglite',
			'--rows',
			'200',
			'--core',
			'--json',
			file
		],
		{
			encoding: 'utf8',
			timeout: 170_000,
			env: { ...process.env, ...(server ? { BENCH_DATABASE_URL: serverOf(server) } : {}) }
		}
	);
	expect(run.stderr, run.stderr).not.toContain('refused');
	expect(run.status, run.stderr).toBe(0);
	const steps = (JSON.parse(readFileSync(file, 'utf8')) as { step: string }[]).map((s) => s.step);
	// What run.ts reads from this file.
	for (const prefix of ['parse CSV', 'commit', 'COPY'])
		expect(
			steps.some((s) => s.startsWith(prefix)),
			`${prefix} in ${steps.join(', ')}`
		).toBe(true);
}, 180_000);

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../src/lib/server/api/openapi';

const run = promisify(execFile);

/**
 * An independent validator reads the OpenAPI document as a client generator would: Redocly
 * CLI with its recommended rules (redocly.yaml) must find neither an error nor a warning. It
 * runs offline: telemetry off (redocly.yaml and the environment), no update check.
 */
describe('the OpenAPI document', () => {
	it('passes Redocly CLI’s recommended rules without a warning', { timeout: 60_000 }, async () => {
		const dir = mkdtempSync(join(tmpdir(), 'ikz-openapi-'));
		try {
			const file = join(dir, 'openapi.json');
			writeFileSync(file, JSON.stringify(buildOpenApiDocument('https://ikz.example.org')));
			const result = await run(
				'node_modules/.bin/redocly',
				['lint', file, '--config', 'redocly.yaml', '--format', 'json'],
				{
					env: {
						...process.env,
						REDOCLY_TELEMETRY: 'off',
						REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
						NO_COLOR: '1'
					}
				}
			).catch((error: { stdout?: string; stderr?: string }) => error);
			const report = JSON.parse(result.stdout ?? '{}') as {
				totals?: { errors: number; warnings: number };
				problems?: { ruleId: string; message: string }[];
			};
			const problems = (report.problems ?? []).map((p) => `${p.ruleId}: ${p.message}`);
			expect(problems).toEqual([]);
			expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isolatedIntegrationFiles } from '../helpers/isolated-integration-files';

/**
 * The integration files share one module registry per worker unless they are listed as isolated
 * (vite.config.ts). A file that mocks a module or changes process.env there would leak the mock
 * or the variable into whichever file the worker runs next: this finds such a file before it
 * makes another file fail for no visible reason.
 */
const changesModulesOrEnvironment =
	/\bvi\.(mock|doMock|stubEnv|stubGlobal)\(|process\.env(\.[A-Z_]+|\[[^\]]+\])\s*(=(?!=)|\?\?=|\|\|=)|delete process\.env/;

const integrationFiles = readdirSync('tests/integration')
	.filter((name) => name.endsWith('.test.ts'))
	.map((name) => `tests/integration/${name}`);

describe('integration files in a shared module registry', () => {
	it('finds the files that mock modules or change the environment (the pattern works)', () => {
		expect(changesModulesOrEnvironment.test("vi.mock('$lib/server/db', () => ({}))")).toBe(true);
		expect(changesModulesOrEnvironment.test("process.env.SMTP_URL = 'smtp://x'")).toBe(true);
		expect(changesModulesOrEnvironment.test("vi.stubEnv('DATA_DIR', folder)")).toBe(true);
		expect(changesModulesOrEnvironment.test('if (process.env.BRIEFING_OUT === x)')).toBe(false);
		expect(changesModulesOrEnvironment.test('{ ...process.env, DATABASE_URL: "" }')).toBe(false);
	});

	it('lists every such file as isolated, and no file that is not one', () => {
		const changing = integrationFiles.filter((file) =>
			changesModulesOrEnvironment.test(readFileSync(file, 'utf8'))
		);
		expect(changing.sort()).toEqual([...isolatedIntegrationFiles].sort());
	});
});

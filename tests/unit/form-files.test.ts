import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const sources = (dir: string): string[] =>
	readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? sources(join(dir, e.name))
			: /\.ts$/.test(e.name) && !e.name.endsWith('.test.ts')
				? [join(dir, e.name)]
				: []
	);

describe('posted forms', () => {
	it('drop files: every superValidate of a request passes allowFiles: false', () => {
		// A file posted into a text or number field stays in form.data otherwise, and returning the
		// form then fails to serialise: a 500 instead of a validation message.
		const missing: string[] = [];
		for (const file of [...sources(join('src', 'routes')), ...sources(join('src', 'lib'))]) {
			const source = readFileSync(file, 'utf8');
			for (const call of source.matchAll(/superValidate\(\s*(?:event\.)?request\b[^;]*/g)) {
				if (!call[0].includes('allowFiles: false'))
					missing.push(`${file}: ${call[0].slice(0, 80)}`);
			}
		}
		expect(missing).toEqual([]);
	});
});

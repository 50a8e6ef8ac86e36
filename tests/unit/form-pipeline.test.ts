import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One form pipeline (decision 23): a form post is read only through `$lib/server/http/read-form`
 * (`readForm`, or `readFormData`/`requireFormData` where the fields are not a fixed schema), which
 * applies the form limits of decision 21. A route or server module that reads the body itself,
 * or hands the raw request to superforms, bypasses them, and this test names it.
 */
const roots = [join(process.cwd(), 'src', 'routes'), join(process.cwd(), 'src', 'lib', 'server')];
const pipeline = join('src', 'lib', 'server', 'http', 'read-form.ts');
const bypasses = [/\.formData\(\)/, /superValidate\(\s*(event\.)?request\b/];

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
	});
}

describe('form pipeline', () => {
	it('reads every form post through read-form.ts', () => {
		const offenders = roots
			.flatMap(sources)
			.filter((file) => relative(process.cwd(), file) !== pipeline)
			.filter((file) => bypasses.some((b) => b.test(readFileSync(file, 'utf8'))))
			.map((file) => relative(process.cwd(), file));
		expect(offenders).toEqual([]);
	});

	it('would notice a route reading the body itself', () => {
		expect(bypasses.some((b) => b.test('const f = await event.request.formData();'))).toBe(true);
		expect(bypasses.some((b) => b.test('await superValidate(event.request, zod4(s))'))).toBe(true);
	});
});

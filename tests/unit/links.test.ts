import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Links through `$lib/routes` (decision 25): a server route or module that localizes a path
 * itself (`localizeHref('/login?sso=…')`) writes a URL the route table does not know about.
 */
const roots = [join(process.cwd(), 'src', 'routes'), join(process.cwd(), 'src', 'lib', 'server')];
const ownLink = /\blocalizeHref\s*\(/;

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
	});
}

describe('links', () => {
	it('builds every server-side link with $lib/routes', () => {
		const offenders = roots
			.flatMap(sources)
			.filter((file) => ownLink.test(readFileSync(file, 'utf8')))
			.map((file) => relative(process.cwd(), file));
		expect(offenders).toEqual([]);
	});

	it('would notice a redirect written by hand', () => {
		expect(ownLink.test("redirect(303, localizeHref('/login?sso=failed'));")).toBe(true);
		expect(ownLink.test('redirect(303, routes.loginSsoRefused(reason));')).toBe(false);
	});
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Our own sources; Paraglide's generated messages are excluded (they hold no user text). */
const sources = (dir: string): string[] =>
	readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? e.name === 'paraglide'
				? []
				: sources(join(dir, e.name))
			: /\.(svelte|ts)$/.test(e.name) && !e.name.endsWith('.test.ts')
				? [join(dir, e.name)]
				: []
	);

describe('stored text renders inert', () => {
	it('no page or component turns text into markup ({@html}, innerHTML, document.write …)', () => {
		// Svelte escapes every {expression}; these are the only ways a stored "<script>" in a
		// comment, title or name could become markup. The browser test hostile-xss.stateful.spec.ts
		// shows the escaping on real pages.
		const sinks = /\{@html\b|\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write\(/;
		const found = sources('src').flatMap((file) =>
			readFileSync(file, 'utf8')
				.split('\n')
				.flatMap((line, i) => (sinks.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []))
		);
		expect(found).toEqual([]);
	});
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ownSources } from '../helpers/own-sources';

describe('stored text renders inert', () => {
	it('no page or component turns text into markup ({@html}, innerHTML, document.write …)', () => {
		// Svelte escapes every {expression}; these are the only ways a stored "<script>" in a
		// comment, title or name could become markup. The browser test hostile-xss.stateful.spec.ts
		// shows the escaping on real pages.
		const sinks = /\{@html\b|\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write\(/;
		const found = ownSources('src').flatMap((file) =>
			readFileSync(file, 'utf8')
				.split('\n')
				.flatMap((line, i) => (sinks.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []))
		);
		expect(found).toEqual([]);
	});
});

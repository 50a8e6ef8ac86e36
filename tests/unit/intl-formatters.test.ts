import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ownSources } from '../helpers/own-sources';

/**
 * The only modules that build Intl formatters: the format module's cache (one formatter per
 * locale and named format, built once) and the Berlin calendar of deadlines (a fixed formatter
 * that computes dates, not text people read).
 */
const homes = new Set(['src/lib/format/intl.ts', 'src/lib/domain/period/deadline.ts']);

describe('numbers and dates have one home', () => {
	it('no page, component or server module builds its own Intl formatter or calls toLocaleString', () => {
		// Building a formatter costs tenths of a millisecond; one per request showed up as 6 % of the
		// server's CPU on /barrierefreiheit. And a format written twice drifts apart.
		const builds = /new Intl\.(DateTimeFormat|NumberFormat)\b|\.toLocale(Date|Time)?String\(/;
		const found = ownSources('src')
			.filter((file) => !homes.has(file.split('\\').join('/')))
			.flatMap((file) =>
				readFileSync(file, 'utf8')
					.split('\n')
					.flatMap((line, i) => (builds.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []))
			);
		expect(found).toEqual([]);
	});
});

import { describe, expect, it } from 'vitest';
import { defaultQuarter, parseQuarterParam, quarterOptions } from './quarter-choice';

describe('quarter choice', () => {
	it('parses 2026-3 and refuses anything else', () => {
		expect(parseQuarterParam('2026-3')).toEqual({ year: 2026, quarter: 3 });
		for (const bad of [null, '', '2026-5', '2026-0', '26-3', '1999-4', '2101-1', '2026-3x'])
			expect(parseQuarterParam(bad)).toBeNull();
	});

	it('defaults to the newest open quarter, else the newest, else the fallback', () => {
		const fallback = { year: 2026, quarter: 3 };
		const quarters = [
			{ year: 2026, quarter: 4, open: false },
			{ year: 2026, quarter: 2, open: true },
			{ year: 2026, quarter: 1, open: true }
		];
		expect(defaultQuarter(quarters, fallback)).toEqual({ year: 2026, quarter: 2 });
		expect(defaultQuarter([{ year: 2025, quarter: 4, open: false }], fallback)).toEqual({
			year: 2025,
			quarter: 4
		});
		expect(defaultQuarter([], fallback)).toEqual(fallback);
	});

	it('adds a chosen quarter without periods to the options, newest first', () => {
		const quarters = [{ year: 2026, quarter: 3, open: true }];
		expect(quarterOptions(quarters, { year: 2026, quarter: 3 })).toEqual(quarters);
		expect(quarterOptions(quarters, { year: 2027, quarter: 1 })).toEqual([
			{ year: 2027, quarter: 1, open: false },
			{ year: 2026, quarter: 3, open: true }
		]);
	});
});

import { describe, expect, it } from 'vitest';
import { defaultQuarter, quarterOptions } from './quarter-choice';

describe('quarter choice', () => {
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

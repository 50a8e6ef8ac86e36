import { describe, expect, it } from 'vitest';
import {
	definingQuarter,
	parsePeriod,
	periodChoices,
	periodEnd,
	periodParam,
	quartersOf
} from './period';

describe('periods of the heatmap and trend', () => {
	it('covers one quarter or the four of a year', () => {
		expect(quartersOf(parsePeriod('2026-Q3')!)).toEqual([{ year: 2026, quarter: 3 }]);
		expect(quartersOf(parsePeriod('2025')!).map((q) => q.quarter)).toEqual([1, 2, 3, 4]);
	});

	it('offers each year before its quarters, newest first', () => {
		const choices = periodChoices([
			{ year: 2025, quarter: 4 },
			{ year: 2026, quarter: 1 },
			{ year: 2026, quarter: 2 }
		]).map(periodParam);
		expect(choices).toEqual(['2026', '2026-Q2', '2026-Q1', '2025', '2025-Q4']);
		expect(periodChoices([])).toEqual([]);
	});
});

describe('comparison period', () => {
	it('reads quarters and years from the URL and writes them back the same way', () => {
		expect(parsePeriod('2026-Q3')).toEqual({ kind: 'quarter', year: 2026, quarter: 3 });
		expect(parsePeriod('2025')).toEqual({ kind: 'year', year: 2025 });
		for (const text of ['2026-Q3', '2025']) expect(periodParam(parsePeriod(text)!)).toBe(text);
	});

	it('reads the older 2026-3 too, and writes it as 2026-Q3', () => {
		expect(periodParam(parsePeriod('2026-3')!)).toBe('2026-Q3');
	});

	it('refuses anything else', () => {
		for (const text of ['', null, '2026-Q5', '26', '1999', '2026-Q1; drop', 'Q1-2026'])
			expect(parsePeriod(text)).toBeNull();
	});

	it('ends a quarter and a year on their last day, leap years included', () => {
		expect(periodEnd({ kind: 'quarter', year: 2024, quarter: 1 })).toBe('2024-03-31');
		expect(periodEnd({ kind: 'quarter', year: 2026, quarter: 2 })).toBe('2026-06-30');
		expect(periodEnd({ kind: 'year', year: 2025 })).toBe('2025-12-31');
		expect(definingQuarter({ kind: 'year', year: 2025 })).toEqual({ year: 2025, quarter: 4 });
	});
});

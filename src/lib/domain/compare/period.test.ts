import { describe, expect, it } from 'vitest';
import { parsePeriod, periodChoices, periodParam, quartersOf } from './period';

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

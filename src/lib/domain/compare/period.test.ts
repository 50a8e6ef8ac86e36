import { describe, expect, it } from 'vitest';
import {
	parsePeriod,
	parseQuarter,
	periodChoices,
	periodParam,
	quarterParam,
	quartersOf
} from './period';

describe('periods of the heatmap and trend', () => {
	it('covers one quarter or the four of a year', () => {
		expect(quartersOf(parsePeriod('2026-Q3')!)).toEqual([{ year: 2026, quarter: 3 }]);
		expect(quartersOf(parsePeriod('2025')!).map((q) => q.quarter)).toEqual([1, 2, 3, 4]);
	});

	it('reads trend bounds as quarters only', () => {
		expect(parseQuarter('2024-Q1')).toEqual({ year: 2024, quarter: 1 });
		expect(quarterParam({ year: 2024, quarter: 1 })).toBe('2024-Q1');
		for (const bad of ['2024', '2024-Q5', '', null, undefined])
			expect(parseQuarter(bad)).toBeNull();
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

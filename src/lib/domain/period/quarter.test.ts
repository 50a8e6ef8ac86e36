import { describe, expect, it } from 'vitest';
import {
	lastCompletedQuarter,
	parseQuarterParam,
	quarterParam,
	quarterRange,
	shiftQuarter
} from './quarter';

describe('quarters', () => {
	it('shifts across year boundaries in both directions', () => {
		expect(shiftQuarter({ year: 2026, quarter: 1 }, -1)).toEqual({ year: 2025, quarter: 4 });
		expect(shiftQuarter({ year: 2025, quarter: 4 }, 1)).toEqual({ year: 2026, quarter: 1 });
		expect(shiftQuarter({ year: 2026, quarter: 3 }, -4)).toEqual({ year: 2025, quarter: 3 });
	});

	it('lists the twelve quarters ending with the last one, oldest first', () => {
		const range = quarterRange({ year: 2026, quarter: 3 }, 12);
		expect(range).toHaveLength(12);
		expect(range[0]).toEqual({ year: 2023, quarter: 4 });
		expect(range[11]).toEqual({ year: 2026, quarter: 3 });
	});

	it('finds the last completed quarter of a day', () => {
		expect(lastCompletedQuarter(new Date('2026-11-24T12:00:00Z'))).toEqual({
			year: 2026,
			quarter: 3
		});
		expect(lastCompletedQuarter(new Date('2026-01-05T12:00:00Z'))).toEqual({
			year: 2025,
			quarter: 4
		});
	});

	it('writes a quarter in addresses as 2026-Q3', () => {
		expect(quarterParam({ year: 2026, quarter: 3 })).toBe('2026-Q3');
		expect(quarterParam({ year: 2025, quarter: 4 })).toBe('2025-Q4');
	});

	it('reads 2026-Q3 and the older 2026-3, so links saved before still open the quarter', () => {
		expect(parseQuarterParam('2026-Q3')).toEqual({ year: 2026, quarter: 3 });
		expect(parseQuarterParam('2026-3')).toEqual({ year: 2026, quarter: 3 });
		expect(parseQuarterParam('2026-q1')).toEqual({ year: 2026, quarter: 1 });
	});

	it('refuses anything else, and years outside 2000–2100', () => {
		for (const bad of [
			null,
			undefined,
			'',
			'2026',
			'2026-5',
			'2026-Q0',
			'2026-0',
			'26-3',
			'1999-Q4',
			'2101-1',
			'2026-3x',
			'2026-QQ3',
			'Q3-2026'
		])
			expect(parseQuarterParam(bad), String(bad)).toBeNull();
	});
});

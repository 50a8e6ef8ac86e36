import { describe, expect, it } from 'vitest';
import { lastCompletedQuarter, quarterRange, shiftQuarter } from './quarter';

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
});

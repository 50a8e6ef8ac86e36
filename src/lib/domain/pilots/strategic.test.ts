import { describe, expect, it } from 'vitest';
import { meetsThreshold, strategicTotal, weightsSumTo100 } from './strategic';

describe('qualitative-strategic scoring', () => {
	it('totals points × weight / 10 out of 100', () => {
		// weights 40/30/30, points 8/5/3 → (320 + 150 + 90) / 10 = 56 → above the threshold 50.
		const criteria = [
			{ weight: 40, points: 8 },
			{ weight: 30, points: 5 },
			{ weight: 30, points: 3 }
		];
		expect(weightsSumTo100(criteria)).toBe(true);
		expect(strategicTotal(criteria)).toBe(56);
		expect(meetsThreshold(56)).toBe(true);
	});

	it('counts unscored criteria as zero and shows 49.5 below the threshold', () => {
		// (55 × 9 + 45 × 0) / 10 = 49.5
		const total = strategicTotal([
			{ weight: 55, points: 9 },
			{ weight: 45, points: null }
		]);
		expect(total).toBe(49.5);
		expect(meetsThreshold(total)).toBe(false);
		expect(weightsSumTo100([{ weight: 55 }, { weight: 44 }])).toBe(false);
	});
});

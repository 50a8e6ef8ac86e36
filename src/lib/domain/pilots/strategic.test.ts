import { describe, expect, it } from 'vitest';
import { criteriaProblems, meetsThreshold, strategicTotal, weightsSumTo100 } from './strategic';

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

describe('strategic criteria of a field', () => {
	it('takes named criteria whose whole-number weights sum to exactly 100', () => {
		expect(
			criteriaProblems([
				{ name: 'Nutzen', weight: 60 },
				{ name: 'Risiko', weight: 40 }
			])
		).toEqual([]);
		expect(weightsSumTo100([{ weight: 100 }, { weight: 0 }])).toBe(true);
	});

	it('refuses weights that do not sum to 100 and says the sum', () => {
		expect(
			criteriaProblems([
				{ name: 'Nutzen', weight: 60 },
				{ name: 'Risiko', weight: 30 }
			])
		).toEqual([{ code: 'weights_not_100', sum: 90 }]);
		expect(criteriaProblems([])).toEqual([{ code: 'weights_not_100', sum: 0 }]);
	});

	it('refuses a weight that is not a whole number of 0–100, even if the sum is 100', () => {
		const criteria = [
			{ name: 'Nutzen', weight: 150 },
			{ name: 'Risiko', weight: -50 }
		];
		expect(weightsSumTo100(criteria)).toBe(false);
		expect(criteriaProblems(criteria)).toEqual([
			{ code: 'weight_invalid', index: 0 },
			{ code: 'weight_invalid', index: 1 },
			{ code: 'weights_not_100', sum: 0 }
		]);
		expect(weightsSumTo100([{ weight: 50.5 }, { weight: 49.5 }])).toBe(false);
	});

	it('needs names of two characters, unique regardless of case', () => {
		expect(
			criteriaProblems([
				{ name: 'X', weight: 20 },
				{ name: 'Nutzen', weight: 40 },
				{ name: ' nutzen ', weight: 40 }
			])
		).toEqual([
			{ code: 'criterion_name_invalid', index: 0 },
			{ code: 'criterion_name_taken', index: 2 }
		]);
	});
});

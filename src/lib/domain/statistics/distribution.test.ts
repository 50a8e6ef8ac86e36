import { describe, expect, it } from 'vitest';
import { distributionOf, percentileInc, quartilePosition } from './distribution';

/**
 * Reference figures as Excel / LibreOffice print them for the same cells
 * (=QUARTILE.INC(A1:An;k), =MEDIAN(...)), worked out by hand with position (n − 1) · p.
 */
describe('distributionOf', () => {
	it('matches QUARTILE.INC for an even count (Excel help example 1,2,4,7,8,9,10,12)', () => {
		// n = 8: Q1 at position 7·0.25 = 1.75 → 2 + 0.75·(4 − 2) = 3.5; median at 3.5 → 7.5;
		// Q3 at 5.25 → 9 + 0.25·(10 − 9) = 9.25.
		expect(distributionOf([12, 1, 9, 2, 10, 4, 8, 7])).toEqual({
			count: 8,
			min: 1,
			lowerQuartile: 3.5,
			median: 7.5,
			upperQuartile: 9.25,
			max: 12
		});
	});

	it('matches QUARTILE.INC for an odd count of 13 cities', () => {
		// Sorted: 61.2 63.5 68.0 70.1 71.4 72.9 74.0 75.3 76.8 78.2 79.9 81.0 84.7; n − 1 = 12:
		// Q1 at 3 → 70.1, median at 6 → 74.0, Q3 at 9 → 78.2 (exact ranks, no interpolation).
		const d = distributionOf([
			74.0, 61.2, 81.0, 70.1, 68.0, 84.7, 72.9, 63.5, 78.2, 75.3, 79.9, 71.4, 76.8
		]);
		expect(d).toMatchObject({ count: 13, min: 61.2, median: 74.0, max: 84.7 });
		expect(d!.lowerQuartile).toBeCloseTo(70.1, 10);
		expect(d!.upperQuartile).toBeCloseTo(78.2, 10);
	});

	it('interpolates between ranks for 6 values (7, 15, 36, 39, 40, 41)', () => {
		// Q1 at 1.25 → 15 + 0.25·21 = 20.25; median at 2.5 → 37.5; Q3 at 3.75 → 39 + 0.75 = 39.75.
		expect(distributionOf([41, 7, 40, 36, 15, 39])).toMatchObject({
			lowerQuartile: 20.25,
			median: 37.5,
			upperQuartile: 39.75
		});
	});

	it('gives every statistic as the value itself for one city', () => {
		expect(distributionOf([42])).toEqual({
			count: 1,
			min: 42,
			lowerQuartile: 42,
			median: 42,
			upperQuartile: 42,
			max: 42
		});
	});

	it('has no distribution without values, never one of zeros', () => {
		expect(distributionOf([])).toBeNull();
		expect(distributionOf([Number.NaN])).toBeNull();
	});

	it('handles negative values and ties', () => {
		expect(distributionOf([-2, -2, 0, 4])).toMatchObject({
			min: -2,
			lowerQuartile: -2,
			median: -1,
			upperQuartile: 1,
			max: 4
		});
	});
});

describe('percentileInc', () => {
	it('refuses an empty list and a p outside [0, 1]', () => {
		expect(() => percentileInc([], 0.5)).toThrow(RangeError);
		expect(() => percentileInc([1], 1.5)).toThrow(RangeError);
	});
	it('returns minimum and maximum at p = 0 and p = 1', () => {
		expect(percentileInc([1, 5, 9], 0)).toBe(1);
		expect(percentileInc([1, 5, 9], 1)).toBe(9);
	});
});

describe('quartilePosition', () => {
	const d = distributionOf([1, 2, 4, 7, 8, 9, 10, 12])!;
	it('places values in the four quarters of the spread, boundaries inclusive below', () => {
		expect(quartilePosition(3.5, d)).toBe('bottom');
		expect(quartilePosition(5, d)).toBe('lower_middle');
		expect(quartilePosition(9.25, d)).toBe('upper_middle');
		expect(quartilePosition(11, d)).toBe('top');
	});
});

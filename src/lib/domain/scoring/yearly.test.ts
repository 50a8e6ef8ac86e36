import { describe, expect, it } from 'vitest';
import { yearlyValue, type QuarterValue } from './yearly';

/** Quarters 1–4 from a list of four values (null = no value). */
const year = (...values: (number | null)[]): QuarterValue[] =>
	values.map((value, i) => ({ quarter: i + 1, value }));

describe('yearlyValue: sum', () => {
	it('adds the four quarters', () => {
		// 10 + 20 + 30 + 40 = 100
		expect(yearlyValue(year(10, 20, 30, 40), 'sum')).toEqual({
			value: 100,
			quartersWithData: 4,
			complete: true
		});
	});

	it('does not depend on the order of the quarters', () => {
		const shuffled: QuarterValue[] = [
			{ quarter: 3, value: 30 },
			{ quarter: 1, value: 10 },
			{ quarter: 4, value: 40 },
			{ quarter: 2, value: 20 }
		];
		expect(yearlyValue(shuffled, 'sum').value).toBe(100);
	});

	it('gives no sum while a quarter is missing, never a partial one', () => {
		// 10 + 20 + 40 = 70 would understate the year
		expect(yearlyValue(year(10, 20, null, 40), 'sum')).toEqual({
			value: null,
			quartersWithData: 3,
			complete: false
		});
		// a quarter that is not listed at all is missing too
		expect(yearlyValue(year(10, 20, 30), 'sum')).toEqual({
			value: null,
			quartersWithData: 3,
			complete: false
		});
		// NaN is no value
		expect(yearlyValue(year(10, 20, Number.NaN, 40), 'sum').value).toBeNull();
		expect(yearlyValue([], 'sum')).toEqual({ value: null, quartersWithData: 0, complete: false });
	});

	it('counts 0 as a value', () => {
		expect(yearlyValue(year(0, 0, 0, 0), 'sum')).toEqual({
			value: 0,
			quartersWithData: 4,
			complete: true
		});
	});

	it('adds decimals', () => {
		// 0.1 + 0.2 + 0.3 + 0.4 = 1 (unrounded; display rounds)
		expect(yearlyValue(year(0.1, 0.2, 0.3, 0.4), 'sum').value).toBeCloseTo(1, 12);
	});
});

describe('yearlyValue: mean', () => {
	it('averages all four quarters', () => {
		// (80 + 90 + 70 + 60) / 4 = 75
		expect(yearlyValue(year(80, 90, 70, 60), 'mean')).toEqual({
			value: 75,
			quartersWithData: 4,
			complete: true
		});
	});

	it('averages the quarters that have a value and says the year is incomplete', () => {
		// (80 + 90 + 70) / 3 = 80
		expect(yearlyValue(year(80, 90, null, 70), 'mean')).toEqual({
			value: 80,
			quartersWithData: 3,
			complete: false
		});
		// Q1 only: 42
		expect(yearlyValue(year(42), 'mean')).toEqual({
			value: 42,
			quartersWithData: 1,
			complete: false
		});
	});

	it('has no value without any quarter', () => {
		expect(yearlyValue(year(null, null, null, null), 'mean')).toEqual({
			value: null,
			quartersWithData: 0,
			complete: false
		});
	});
});

describe('yearlyValue: last', () => {
	it('takes Q4 when it has a value', () => {
		expect(yearlyValue(year(5, 7, 6, 3), 'last')).toEqual({
			value: 3,
			quartersWithData: 4,
			complete: true
		});
	});

	it('takes the latest quarter with a value and says the year is incomplete', () => {
		// Q3 and Q4 empty: Q2 = 7
		expect(yearlyValue(year(5, 7, null, null), 'last')).toEqual({
			value: 7,
			quartersWithData: 2,
			complete: false
		});
	});

	it('is complete with Q4 alone and does not depend on the order', () => {
		expect(
			yearlyValue(
				[
					{ quarter: 4, value: 9 },
					{ quarter: 1, value: 2 }
				],
				'last'
			)
		).toEqual({ value: 9, quartersWithData: 2, complete: true });
	});

	it('has no value without any quarter', () => {
		expect(yearlyValue([], 'last')).toEqual({ value: null, quartersWithData: 0, complete: false });
	});
});

describe('yearlyValue: invalid input', () => {
	it('rejects a quarter given twice, with or without value', () => {
		const twice: QuarterValue[] = [
			{ quarter: 1, value: 1 },
			{ quarter: 1, value: 2 }
		];
		expect(() => yearlyValue(twice, 'sum')).toThrow(RangeError);
		expect(() =>
			yearlyValue(
				[
					{ quarter: 2, value: null },
					{ quarter: 2, value: 3 }
				],
				'last'
			)
		).toThrow(RangeError);
	});

	it('rejects quarters outside 1–4', () => {
		for (const quarter of [0, 5, 2.5, Number.NaN]) {
			expect(() => yearlyValue([{ quarter, value: 1 }], 'mean')).toThrow(RangeError);
		}
	});
});

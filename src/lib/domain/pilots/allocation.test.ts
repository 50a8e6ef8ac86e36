import { describe, expect, it } from 'vitest';
import {
	allocate,
	fixedSharesSumTo100,
	percentToHundredths,
	splitCents,
	type PartnerBasis
} from './allocation';

const city = (
	organisationId: number,
	basis: Partial<Omit<PartnerBasis, 'organisationId'>> = {}
): PartnerBasis => ({
	organisationId,
	inhabitants: null,
	cases: null,
	sharePercent: null,
	...basis
});

describe('allocation to partner cities', () => {
	it('splits 100.00 € equally among three: the odd cent goes to the first', () => {
		// 10 000 ct / 3 = 3 333 rest 1 each; equal remainders → the earliest partner gets the cent.
		expect(splitCents(10_000, [1, 1, 1])).toEqual([3_334, 3_333, 3_333]);
	});

	it('splits per inhabitant with the largest remainder', () => {
		/*
		 * 1 000.00 € = 100 000 ct; inhabitants 1 000 000 / 300 000 / 160 000 (Σ 1 460 000)
		 *   Köln        100 000 × 1 000 000 / 1 460 000 = 68 493.150… → 68 493
		 *   Bonn        100 000 ×   300 000 / 1 460 000 = 20 547.945… → 20 547 (+1)
		 *   Leverkusen  100 000 ×   160 000 / 1 460 000 = 10 958.904… → 10 958 (+1)
		 * floors sum to 99 998; the 2 cents left go to the largest remainders (.945, .904).
		 */
		expect(splitCents(100_000, [1_000_000, 300_000, 160_000])).toEqual([68_493, 20_548, 10_959]);
	});

	it('splits a negative net and always sums exactly to the total', () => {
		expect(splitCents(-10_000, [1, 1, 1])).toEqual([-3_334, -3_333, -3_333]);
		const shares = splitCents(123_456_789_01, [7, 11, 13, 17])!;
		expect(shares.reduce((s, x) => s + x, 0)).toBe(123_456_789_01);
	});

	it('has nothing to split by when every weight is zero', () => {
		expect(splitCents(100, [0, 0])).toBeNull();
	});

	it('checks fixed shares in exact hundredths, not floats', () => {
		expect(percentToHundredths('33.34')).toBe(3_334);
		expect(percentToHundredths('33,3')).toBe(3_330);
		expect(percentToHundredths('1.234')).toBeNull();
		// 10.10 + 20.20 + 69.70 is 100.00000000000001 in floating point but exactly 100 here.
		const ok = [city(1, { sharePercent: '10.10' }), city(2, { sharePercent: '20.20' })];
		expect(fixedSharesSumTo100([...ok, city(3, { sharePercent: '69.70' })])).toBe(true);
		expect(fixedSharesSumTo100([...ok, city(3, { sharePercent: '69.69' })])).toBe(false);
		expect(fixedSharesSumTo100([...ok, city(3)])).toBe(false);
	});

	it('tells each city what the pilot costs and saves it', () => {
		// Per case: 300 / 100 cases; costs 40 000 ct → 30 000 / 10 000; benefits 100 000 → 75 000 / 25 000.
		const shares = allocate('per_case', [city(1, { cases: 300 }), city(2, { cases: 100 })], {
			costs: 40_000,
			benefits: 100_000
		});
		expect(shares).toEqual([
			{ organisationId: 1, costs: 30_000, benefits: 75_000, net: 45_000 },
			{ organisationId: 2, costs: 10_000, benefits: 25_000, net: 15_000 }
		]);
	});
});

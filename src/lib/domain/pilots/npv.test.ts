import { describe, expect, it } from 'vitest';
import { benefitCostRatio, discountFactor, netPresentValue, sensitivity } from './npv';
import type { PilotLine } from './types';

const euro = (e: number) => Math.round(e * 100);
const line = (
	year: number,
	kind: PilotLine['kind'],
	amountEuro: number,
	budgetRelevant = true,
	scenario: PilotLine['scenario'] = 'planned'
): PilotLine => ({ year, kind, scenario, amountCents: euro(amountEuro), budgetRelevant });

/*
 * Worked example, rate 10 %, base year 2025 (numbers chosen so every factor divides cleanly):
 *
 *   year  line                               amount      factor 1/1.1^(y−2025)   present value
 *   2025  investment (budget)             100 000 €      1                       −100 000 €
 *   2026  operating  (budget)              11 000 €      1/1.1                    −10 000 €
 *   2026  benefit    (budget)              66 000 €      1/1.1                    +60 000 €
 *   2027  benefit    (not budget)          72 600 €      1/1.21                   +60 000 €
 *
 *   NPV = −100 000 − 10 000 + 60 000 + 60 000 = +10 000 €
 *   budget-relevant part  = −100 000 − 10 000 + 60 000 = −50 000 €
 *   other part            = +60 000 €
 *   discounted costs 110 000 €, benefits 120 000 € → B/C = 120 000 / 110 000 = 1.0909…
 *   cumulated: 2025 −100 000, 2026 −50 000, 2027 +10 000 → payback 2027 (payback.test.ts)
 *   at 0 %: NPV = −100 000 − 11 000 + 66 000 + 72 600 = +27 600 €
 */
const example: PilotLine[] = [
	line(2025, 'investment', 100_000),
	line(2026, 'operating', 11_000),
	line(2026, 'benefit', 66_000),
	line(2027, 'benefit', 72_600, false)
];
const at10 = { ratePercent: 10, baseYear: 2025 };

describe('WiBe net present value', () => {
	it('discounts to the base year and compounds years before it', () => {
		expect(discountFactor(2025, at10)).toBe(1);
		expect(discountFactor(2027, at10)).toBeCloseTo(1 / 1.21, 12);
		// A cost spent in 2024 weighs 10 % more in 2025 money.
		expect(discountFactor(2024, at10)).toBeCloseTo(1.1, 12);
	});

	it('computes the worked example, split into budget-relevant and other effects', () => {
		expect(netPresentValue(example, 'planned', at10)).toEqual({
			total: euro(10_000),
			budgetRelevant: euro(-50_000),
			nonBudgetRelevant: euro(60_000),
			benefits: euro(120_000),
			costs: euro(110_000)
		});
	});

	it('gives the benefit/cost ratio, and none without costs', () => {
		expect(benefitCostRatio(example, 'planned', at10)).toBeCloseTo(120 / 110, 12);
		expect(benefitCostRatio([line(2025, 'benefit', 5)], 'planned', at10)).toBeNull();
	});

	it('keeps planned and actual apart', () => {
		const lines = [...example, line(2025, 'investment', 120_000, true, 'actual')];
		expect(netPresentValue(lines, 'actual', at10).total).toBe(euro(-120_000));
		expect(netPresentValue(lines, 'planned', at10).total).toBe(euro(10_000));
	});

	it('lists the NPV at several rates, the pilot rate included', () => {
		const table = sensitivity(example, 'planned', at10, [0, 3]);
		expect(table.map((r) => r.ratePercent)).toEqual([0, 3, 10]);
		expect(table[0]?.npv).toBe(euro(27_600));
		expect(table[2]?.npv).toBe(euro(10_000));
		// 3 %: −100 000 − 10 679.61 (11 000/1.03) + 64 077.67 (66 000/1.03)
		//      + 68 432.46 (72 600/1.0609) = 21 830.52 €
		expect(table[1]?.npv).toBe(euro(21_830.52));
	});
});

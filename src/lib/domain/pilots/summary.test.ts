import { describe, expect, it } from 'vitest';
import { centsToDecimal, decimalToCents, pilotEconomics } from './summary';

describe('pilot economics summary', () => {
	it('converts between numeric text and cents without float drift', () => {
		expect(decimalToCents('250000.50')).toBe(25_000_050);
		expect(decimalToCents('0.29')).toBe(29);
		expect(centsToDecimal(25_000_050)).toBe('250000.50');
		expect(centsToDecimal(-5)).toBe('-0.05');
	});

	it('splits the planned discounted costs and benefits equally', () => {
		// rate 0: costs 300.00 €, benefits 900.00 € → 150/450 each, net 300 € per city.
		const e = pilotEconomics({
			lines: [
				{
					year: 2025,
					kind: 'investment',
					scenario: 'planned',
					amountCents: 30_000,
					budgetRelevant: true
				},
				{
					year: 2026,
					kind: 'benefit',
					scenario: 'planned',
					amountCents: 90_000,
					budgetRelevant: true
				}
			],
			discounting: { ratePercent: 0, baseYear: 2025 },
			endYear: 2026,
			key: 'equal',
			partners: [1, 2].map((organisationId) => ({
				organisationId,
				inhabitants: null,
				cases: null,
				sharePercent: null
			}))
		});
		expect(e.planned.npv.total).toBe(60_000);
		// Cumulated −300 € in 2025, +600 € in 2026: both paybacks in 2026; no actual lines, none.
		expect(e.planned.payback).toEqual({
			static: { kind: 'year', year: 2026 },
			dynamic: { kind: 'year', year: 2026 }
		});
		expect(e.actual.hasLines).toBe(false);
		expect(e.actual.payback).toBeNull();
		expect(e.shares).toEqual([
			{ organisationId: 1, costs: 15_000, benefits: 45_000, net: 30_000 },
			{ organisationId: 2, costs: 15_000, benefits: 45_000, net: 30_000 }
		]);
	});

	it('compares actual and planned NPV over the same years: those with actual figures', () => {
		const line = (
			year: number,
			kind: 'investment' | 'operating' | 'benefit',
			scenario: 'planned' | 'actual',
			euros: number
		) => ({ year, kind, scenario, amountCents: euros * 100, budgetRelevant: true });
		const e = pilotEconomics({
			lines: [
				line(2025, 'investment', 'planned', 1000),
				line(2026, 'benefit', 'planned', 400),
				line(2027, 'benefit', 'planned', 900),
				line(2028, 'benefit', 'planned', 900),
				line(2025, 'investment', 'actual', 1200),
				line(2026, 'benefit', 'actual', 300)
			],
			discounting: { ratePercent: 0, baseYear: 2025 },
			endYear: 2028,
			key: 'equal',
			partners: []
		});
		// Rate 0: planned 2025–2026 = −1000 + 400 = −600 €; actual = −1200 + 300 = −900 €.
		expect(e.sameYears).toEqual({
			from: 2025,
			to: 2026,
			plannedCents: -60_000,
			actualCents: -90_000
		});
		// The whole plan runs to 2028 (+1200 €), the actual figures only to 2026.
		expect(e.planned.npv.total).toBe(120_000);
		expect(e.plannedYears).toEqual({ from: 2025, to: 2028 });
		expect(e.actualYears).toEqual({ from: 2025, to: 2026 });
	});

	it('has no same-years comparison without actual figures', () => {
		const e = pilotEconomics({
			lines: [
				{
					year: 2026,
					kind: 'investment',
					scenario: 'planned',
					amountCents: 100,
					budgetRelevant: true
				}
			],
			discounting: { ratePercent: 3, baseYear: 2026 },
			endYear: 2026,
			key: 'equal',
			partners: []
		});
		expect(e.sameYears).toBeNull();
		expect(e.actualYears).toBeNull();
	});
});

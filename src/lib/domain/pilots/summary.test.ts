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
});

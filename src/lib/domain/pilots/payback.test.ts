import { describe, expect, it } from 'vitest';
import { paybacks } from './payback';
import type { PilotLine } from './types';

const euro = (e: number) => Math.round(e * 100);
const line = (
	year: number,
	kind: PilotLine['kind'],
	amountEuro: number,
	scenario: PilotLine['scenario'] = 'planned'
): PilotLine => ({ year, kind, scenario, amountCents: euro(amountEuro), budgetRelevant: true });
const year = (y: number) => ({ kind: 'year', year: y });
const afterPeriod = (periodEnd: number) => ({ kind: 'after_period', periodEnd });
const notYet = (through: number) => ({ kind: 'not_yet', through });

const at10 = { ratePercent: 10, baseYear: 2026 };

/*
 * Pilot 2026–2029 at 10 %, discounted to 2026 (every figure below is worked by hand):
 *
 *   year  line                 amount     undiscounted cumulated   factor   discounted cumulated
 *   2026  investment          100 000 €          −100 000 €         1           −100 000,00 €
 *   2027  benefit              50 000 €           −50 000 €         1/1.1        −54 545,45 €
 *   2028  benefit              55 000 €            +5 000 €         1/1.21        −9 090,91 €
 *
 * Static payback 2028 (the undiscounted balance turns ≥ 0); the discounted balance is still
 * below zero at the end of the period (2029), so there is no dynamic payback within it.
 */
const plan = [
	line(2026, 'investment', 100_000),
	line(2027, 'benefit', 50_000),
	line(2028, 'benefit', 55_000)
];

describe('static and dynamic payback (Amortisation)', () => {
	it('static counts the amounts as entered, dynamic the discounted ones', () => {
		expect(paybacks(plan, 'planned', at10, 2029)).toEqual({
			static: year(2028),
			dynamic: afterPeriod(2029)
		});
	});

	it('gives both years once the discounted balance turns too', () => {
		// 2029: 13 310 / 1.331 = 10 000 → discounted −9 090,91 + 10 000 = +909,09.
		const longer = [...plan, line(2029, 'benefit', 13_310)];
		expect(paybacks(longer, 'planned', at10, 2029)).toEqual({
			static: year(2028),
			dynamic: year(2029)
		});
	});

	it('computes the worked example of docs/wibe.md', () => {
		/*
		 * Rate 10 %, base year 2025: 2025 investment 100 000; 2026 operating 11 000 and benefit
		 * 66 000; 2027 benefit 72 600.
		 * Undiscounted: 2025 −100 000, 2026 −45 000, 2027 +27 600 → static 2027.
		 * Discounted:   2025 −100 000, 2026 −50 000, 2027 +10 000 → dynamic 2027.
		 */
		const example = [
			line(2025, 'investment', 100_000),
			line(2026, 'operating', 11_000),
			line(2026, 'benefit', 66_000),
			line(2027, 'benefit', 72_600)
		];
		expect(paybacks(example, 'planned', { ratePercent: 10, baseYear: 2025 }, 2027)).toEqual({
			static: year(2027),
			dynamic: year(2027)
		});
		// Without the 2027 benefit: −45 000 and −50 000 at the end of 2026, the pilot's last year.
		expect(
			paybacks(example.slice(0, 3), 'planned', { ratePercent: 10, baseYear: 2025 }, 2026)
		).toEqual({ static: afterPeriod(2026), dynamic: afterPeriod(2026) });
	});

	it('counts a cumulated balance of exactly zero as paid back', () => {
		// 2025 −100 000; 2026 +110 000 / 1.1 = +100 000 → discounted 0 in 2026; undiscounted +10 000.
		const even = [line(2025, 'investment', 100_000), line(2026, 'benefit', 110_000)];
		expect(paybacks(even, 'planned', { ratePercent: 10, baseYear: 2025 }, 2026)).toEqual({
			static: year(2026),
			dynamic: year(2026)
		});
	});

	it('rounds to the cent, so float noise cannot move the year', () => {
		// 121,00 € / 1.1² is 100,00 € on paper; in floating point 99,99999999999998 €.
		const lines = [line(2025, 'investment', 100), line(2027, 'benefit', 121)];
		expect(paybacks(lines, 'planned', { ratePercent: 10, baseYear: 2025 }, 2027)?.dynamic).toEqual(
			year(2027)
		);
	});

	it('is the year from which the balance stays ≥ 0, not a year it dips back below', () => {
		// Rate 0: 2025 −100, 2026 +150 → +50, 2027 reinvestment −80 → −30, 2028 +50 → +20.
		const d = { ratePercent: 0, baseYear: 2025 };
		const reinvested = [
			line(2025, 'investment', 100),
			line(2026, 'benefit', 150),
			line(2027, 'investment', 80)
		];
		expect(paybacks(reinvested, 'planned', d, 2028)).toEqual({
			static: afterPeriod(2028),
			dynamic: afterPeriod(2028)
		});
		expect(paybacks([...reinvested, line(2028, 'benefit', 50)], 'planned', d, 2028)).toEqual({
			static: year(2028),
			dynamic: year(2028)
		});
	});

	it('does not count a benefit before the investment as paid back', () => {
		// Rate 0: 2025 +10, 2026 −100 → −90, 2027 (no line) −90, 2028 +100 → +10.
		const lines = [
			line(2025, 'benefit', 10),
			line(2026, 'investment', 100),
			line(2028, 'benefit', 100)
		];
		expect(paybacks(lines, 'planned', { ratePercent: 0, baseYear: 2025 }, 2028)?.static).toEqual(
			year(2028)
		);
	});

	it('says "not yet" for actual figures that stop before the last year of the pilot', () => {
		const actual = [
			line(2026, 'investment', 100_000, 'actual'),
			line(2027, 'benefit', 1, 'actual')
		];
		expect(paybacks(actual, 'actual', at10, 2029)).toEqual({
			static: notYet(2027),
			dynamic: notYet(2027)
		});
		// Actual figures up to the last year that stay below zero: after the period.
		const complete = [...actual, line(2029, 'benefit', 1, 'actual')];
		expect(paybacks(complete, 'actual', at10, 2029)).toEqual({
			static: afterPeriod(2029),
			dynamic: afterPeriod(2029)
		});
		// Planned figures ending early are the whole plan (no plan after 2028 means 0).
		expect(paybacks(plan, 'planned', at10, 2030)?.dynamic).toEqual(afterPeriod(2030));
	});

	it('keeps planned and actual apart, and has nothing to say without lines', () => {
		const both = [...plan, line(2026, 'benefit', 200_000, 'actual')];
		expect(paybacks(both, 'actual', at10, 2029)).toEqual({
			static: year(2026),
			dynamic: year(2026)
		});
		expect(paybacks(both, 'planned', at10, 2029)?.static).toEqual(year(2028));
		expect(paybacks([], 'planned', at10, 2029)).toBeNull();
	});
});

import { describe, expect, it } from 'vitest';
import { kpiEffect, type QuarterValue } from './kpi-effect';

const series = (organisationId: number, from: [number, number], values: number[]): QuarterValue[] =>
	values.map((value, i) => {
		const q = from[1] - 1 + i;
		return { organisationId, year: from[0] + Math.floor(q / 4), quarter: (q % 4) + 1, value };
	});

describe('KPI effect of a pilot', () => {
	it('compares partners with the other cities before and after the start', () => {
		/*
		 * Start Q1/2025. Before = Q1–Q4/2024, after = the latest four quarters (Q1–Q4/2025).
		 * Partner 1: before 40,40,40,40 → 40; after 30,30,30,30 → 30
		 * Partner 2: before 20,20,20,20 → 20; after 18,18,18,18 → 18
		 *   partners: before (40+20)/2 = 30, after (30+18)/2 = 24 → −20 %
		 * Other 3:   before 30 ×4; after 29 ×4 → 30 → 29 → −3.33 %
		 * Other 4 has no value before: left out (the group would change, not the KPI).
		 */
		const values = [
			...series(1, [2024, 1], [40, 40, 40, 40, 30, 30, 30, 30]),
			...series(2, [2024, 1], [20, 20, 20, 20, 18, 18, 18, 18]),
			...series(3, [2024, 1], [30, 30, 30, 30, 29, 29, 29, 29]),
			...series(4, [2025, 1], [10, 10, 10, 10])
		];
		const e = kpiEffect({
			values,
			partnerIds: [1, 2],
			otherIds: [3, 4],
			start: { year: 2025, quarter: 1 }
		});
		expect(e.partners).toEqual({
			before: 30,
			after: 24,
			changePercent: -20,
			changePoints: null,
			cities: 2
		});
		expect(e.others.before).toBe(30);
		expect(e.others.changePercent).toBeCloseTo(-3.3333, 3);
		expect(e.others.cities).toBe(1);
	});

	it('has no after window before the pilot starts', () => {
		const values = series(1, [2024, 1], [40, 40]);
		const e = kpiEffect({
			values,
			partnerIds: [1],
			otherIds: [],
			start: { year: 2026, quarter: 1 }
		});
		expect(e.afterFrom).toBeNull();
		expect(e.partners.changePercent).toBeNull();
	});

	it('compares a percentage KPI in percentage points, not in percent', () => {
		// Service level before 70 %, after 66,5 %: 3,5 points less (not "−5 %").
		const values = [
			...series(1, [2024, 1], [70, 70, 70, 70, 66.5, 66.5, 66.5, 66.5]),
			...series(2, [2024, 1], [50, 50, 50, 50, 55, 55, 55, 55])
		];
		const e = kpiEffect({
			values,
			partnerIds: [1],
			otherIds: [2],
			start: { year: 2025, quarter: 1 },
			unit: 'percent'
		});
		expect(e.partners).toEqual({
			before: 70,
			after: 66.5,
			changePercent: null,
			changePoints: -3.5,
			cities: 1
		});
		expect(e.others.changePoints).toBe(5);
	});
});

import { describe, expect, it } from 'vitest';
import { planVersusActual } from './plan-actual';

describe('planned versus actual', () => {
	it('puts both side by side per year and cumulated, nominal', () => {
		/*
		 * planned: 2025 cost 100, 2026 benefit 150 → net −100, +150; cumulated −100, +50
		 * actual:  2025 cost 120, no 2026 line yet → net −120, 0;    cumulated −120, −120
		 */
		const rows = planVersusActual([
			{
				year: 2025,
				kind: 'investment',
				scenario: 'planned',
				amountCents: 100,
				budgetRelevant: true
			},
			{ year: 2026, kind: 'benefit', scenario: 'planned', amountCents: 150, budgetRelevant: true },
			{ year: 2025, kind: 'operating', scenario: 'actual', amountCents: 120, budgetRelevant: false }
		]);
		expect(rows.map((r) => [r.year, r.plannedCumulated, r.actualCumulated, r.hasActual])).toEqual([
			[2025, -100, -120, true],
			[2026, 50, -120, false]
		]);
		expect(planVersusActual([])).toEqual([]);
	});
});

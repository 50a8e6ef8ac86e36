import { isCost, type PilotLine } from './types';

export interface PlanActualYear {
	year: number;
	plannedCosts: number;
	plannedBenefits: number;
	actualCosts: number;
	actualBenefits: number;
	/** Net = benefits − costs, nominal (undiscounted) cents, per year and cumulated. */
	plannedNet: number;
	actualNet: number;
	plannedCumulated: number;
	actualCumulated: number;
	/** Whether any actual line exists for the year (a missing actual is not a zero). */
	hasActual: boolean;
}

/** Planned and actual side by side per year (nominal cents), from the first to the last year. */
export function planVersusActual(lines: readonly PilotLine[]): PlanActualYear[] {
	if (lines.length === 0) return [];
	const years = lines.map((l) => l.year);
	const rows: PlanActualYear[] = [];
	let plannedCumulated = 0;
	let actualCumulated = 0;
	for (let year = Math.min(...years); year <= Math.max(...years); year++) {
		const sum = (scenario: 'planned' | 'actual', cost: boolean) =>
			lines
				.filter((l) => l.year === year && l.scenario === scenario && isCost(l.kind) === cost)
				.reduce((s, l) => s + l.amountCents, 0);
		const plannedCosts = sum('planned', true);
		const plannedBenefits = sum('planned', false);
		const actualCosts = sum('actual', true);
		const actualBenefits = sum('actual', false);
		plannedCumulated += plannedBenefits - plannedCosts;
		actualCumulated += actualBenefits - actualCosts;
		rows.push({
			year,
			plannedCosts,
			plannedBenefits,
			actualCosts,
			actualBenefits,
			plannedNet: plannedBenefits - plannedCosts,
			actualNet: actualBenefits - actualCosts,
			plannedCumulated,
			actualCumulated,
			hasActual: lines.some((l) => l.year === year && l.scenario === 'actual')
		});
	}
	return rows;
}

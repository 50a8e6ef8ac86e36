/** Qualitative-strategic appraisal: weighted criteria, 0–10 points each, weights summing to 100. */

export interface ScoredCriterion {
	weight: number;
	/** null while not yet scored; counts as 0. */
	points: number | null;
}

export const strategicThreshold = 50;
export const maxPoints = 10;

/** Σ points × weight / 10: 10 points on every criterion give 100. */
export function strategicTotal(criteria: readonly ScoredCriterion[]): number {
	const raw = criteria.reduce((s, c) => s + (c.points ?? 0) * c.weight, 0);
	return Math.round(raw) / 10;
}

export const weightsSumTo100 = (criteria: readonly { weight: number }[]) =>
	criteria.reduce((s, c) => s + c.weight, 0) === 100;

export const meetsThreshold = (total: number) => total >= strategicThreshold;

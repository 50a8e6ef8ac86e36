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

/** A weight is a whole number of percent, 0–100. */
export const weightValid = (weight: number) =>
	Number.isInteger(weight) && weight >= 0 && weight <= 100;

/** The sum of the valid weights (an invalid one is reported on its own, not in the sum). */
export const weightSum = (criteria: readonly { weight: number }[]) =>
	criteria.reduce((s, c) => s + (weightValid(c.weight) ? c.weight : 0), 0);

export const weightsSumTo100 = (criteria: readonly { weight: number }[]) =>
	criteria.every((c) => weightValid(c.weight)) && weightSum(criteria) === 100;

export const minCriterionName = 2;

/** Stable codes; `index` is the criterion's position in the list as given. */
export type CriteriaProblem =
	| { code: 'criterion_name_invalid'; index: number }
	| { code: 'criterion_name_taken'; index: number }
	| { code: 'weight_invalid'; index: number }
	| { code: 'weights_not_100'; sum: number };

/**
 * A field's strategic criteria: names of at least two characters, unique regardless of case,
 * whole-number weights of 0–100 that sum to exactly 100. Checked by the form for its messages
 * and by the server before it writes, so a post that bypasses the form is refused too.
 */
export function criteriaProblems(
	criteria: readonly { name: string; weight: number }[]
): CriteriaProblem[] {
	const problems: CriteriaProblem[] = [];
	const seen = new Set<string>();
	criteria.forEach((c, index) => {
		const name = c.name.trim().toLowerCase();
		if (name.length < minCriterionName) problems.push({ code: 'criterion_name_invalid', index });
		else if (seen.has(name)) problems.push({ code: 'criterion_name_taken', index });
		seen.add(name);
		if (!weightValid(c.weight)) problems.push({ code: 'weight_invalid', index });
	});
	const sum = weightSum(criteria);
	if (sum !== 100) problems.push({ code: 'weights_not_100', sum });
	return problems;
}

export const meetsThreshold = (total: number) => total >= strategicThreshold;

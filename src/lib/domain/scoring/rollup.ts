/**
 * Roll-up of KPI scores to objectives, perspectives and the scorecard. Pure; the rules are
 * written out for controllers in docs/scoring.md.
 */
import type { Status } from '../status/status';
import { roundScore, statusOfScore, type RollupStatus } from './score';

export interface ScoredKpi {
	/** Weight of the KPI within its objective; must be positive and finite. */
	weight: number;
	/** From `scoreOf`: 0–100, or null without value or target. */
	score: number | null;
	/** From `statusOf`. */
	status: Status;
}

export interface Rollup {
	/** 0–100, one decimal; null when nothing below has a score (never 0). */
	score: number | null;
	status: RollupStatus;
	kpiCount: number;
	scoredCount: number;
	/** Scored KPIs / KPIs, 0..1; 0 when there are no KPIs. */
	coverage: number;
	/** Share of the KPI weight that has a score, 0..1; 0 when there are no KPIs. */
	weightCoverage: number;
}

/** One weight may be at most this many times another (the editor warns beyond). */
export const MAX_WEIGHT_RATIO = 100;

export type WeightProblem = 'not_positive' | 'too_uneven';

const isValidWeight = (weight: number) => Number.isFinite(weight) && weight > 0;

function checkScore(score: number) {
	if (!(score >= 0 && score <= 100)) throw new RangeError(`Score must be 0–100, got ${score}`);
}

/**
 * A KPI counts as scored when it has a score and a traffic light (green, yellow, red).
 * no_data and no_target KPIs never score, even if a score were passed along with them.
 */
function isScored(kpi: ScoredKpi): kpi is ScoredKpi & { score: number } {
	return kpi.score !== null && kpi.status !== 'no_data' && kpi.status !== 'no_target';
}

/**
 * Objective level: weighted mean of the KPI scores, with the weights re-normalised over the
 * KPIs that have a score. Throws a RangeError for a non-positive or non-finite weight.
 */
export function rollUpKpis(kpis: ScoredKpi[]): Rollup {
	let totalWeight = 0;
	let scoredWeight = 0;
	let weightedSum = 0;
	let scoredCount = 0;
	for (const kpi of kpis) {
		if (!isValidWeight(kpi.weight)) {
			throw new RangeError(`KPI weight must be positive and finite, got ${kpi.weight}`);
		}
		totalWeight += kpi.weight;
		if (!isScored(kpi)) continue;
		checkScore(kpi.score);
		scoredWeight += kpi.weight;
		weightedSum += kpi.weight * kpi.score;
		scoredCount++;
	}
	const score = scoredCount > 0 ? roundScore(weightedSum / scoredWeight) : null;
	return {
		score,
		status: statusOfScore(score),
		kpiCount: kpis.length,
		scoredCount,
		coverage: kpis.length > 0 ? scoredCount / kpis.length : 0,
		weightCoverage: totalWeight > 0 ? scoredWeight / totalWeight : 0
	};
}

/**
 * Perspective from objectives, scorecard from perspectives: unweighted mean of the child scores
 * that exist (each child counts equally), computed from the children's rounded scores.
 * Counts are summed; weightCoverage is the mean over the children that have KPIs.
 */
export function rollUpGroups(groups: Rollup[]): Rollup {
	let scoreSum = 0;
	let scoredGroups = 0;
	let kpiCount = 0;
	let scoredCount = 0;
	let weightCoverageSum = 0;
	let groupsWithKpis = 0;
	for (const group of groups) {
		kpiCount += group.kpiCount;
		scoredCount += group.scoredCount;
		if (group.kpiCount > 0) {
			weightCoverageSum += group.weightCoverage;
			groupsWithKpis++;
		}
		if (group.score === null) continue;
		checkScore(group.score);
		scoreSum += group.score;
		scoredGroups++;
	}
	const score = scoredGroups > 0 ? roundScore(scoreSum / scoredGroups) : null;
	return {
		score,
		status: statusOfScore(score),
		kpiCount,
		scoredCount,
		coverage: kpiCount > 0 ? scoredCount / kpiCount : 0,
		weightCoverage: groupsWithKpis > 0 ? weightCoverageSum / groupsWithKpis : 0
	};
}

/**
 * What the weight editor warns about: a weight that is not positive and finite, and weights so
 * uneven that one is more than 100 times another (the small one would no longer count).
 */
export function weightProblems(weights: number[]): WeightProblem[] {
	const problems: WeightProblem[] = [];
	const valid = weights.filter(isValidWeight);
	if (valid.length < weights.length) problems.push('not_positive');
	if (valid.length > 1) {
		const min = valid.reduce((a, b) => Math.min(a, b));
		const max = valid.reduce((a, b) => Math.max(a, b));
		if (max > MAX_WEIGHT_RATIO * min) problems.push('too_uneven');
	}
	return problems;
}

/**
 * How many parts directly below a rolled-up figure are red while the figure itself is not.
 * A mean can be green with a red part (100, 100, 100, 100, 0 → 80); the pages then say so
 * beside the figure instead of letting "Im Ziel" hide the red part (issue 17).
 */
export function redBelow(parent: Rollup | null, children: readonly Rollup[]): number {
	if (!parent || parent.status === 'red' || parent.status === 'no_data') return 0;
	return children.filter((c) => c.status === 'red').length;
}

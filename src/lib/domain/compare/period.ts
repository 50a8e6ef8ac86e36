import { quarterIndex, type Quarter } from '../period/quarter';
import {
	definingQuarter,
	parsePeriod,
	periodParam,
	type ComparisonPeriod
} from '../comparison/period';

/**
 * Periods of the heatmap and trend views: the comparison view's `2026-Q3` / `2025` in the URL
 * (parsed and written by domain/comparison/period), plus what these views need on top.
 */
export { definingQuarter, parsePeriod, periodParam, type ComparisonPeriod };

/** The quarters a period covers, oldest first. */
export function quartersOf(p: ComparisonPeriod): Quarter[] {
	return p.kind === 'quarter'
		? [{ year: p.year, quarter: p.quarter }]
		: [1, 2, 3, 4].map((quarter) => ({ year: p.year, quarter }));
}

/**
 * The choices for a period picker from the quarters a field has reported (newest first), each
 * year once before its quarters.
 */
export function periodChoices(quarters: readonly Quarter[]): ComparisonPeriod[] {
	const sorted = [...quarters].sort((a, b) => quarterIndex(b) - quarterIndex(a));
	const choices: ComparisonPeriod[] = [];
	let year: number | null = null;
	for (const q of sorted) {
		if (q.year !== year) {
			year = q.year;
			choices.push({ kind: 'year', year });
		}
		choices.push({ kind: 'quarter', year: q.year, quarter: q.quarter });
	}
	return choices;
}

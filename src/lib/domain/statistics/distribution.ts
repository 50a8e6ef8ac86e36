/**
 * The spread of one KPI across cities, computed like the spreadsheet functions controllers use
 * to check it: QUARTILE.INC / PERCENTILE.INC (linear interpolation between closest ranks,
 * position (n − 1) · p), MIN, MEDIAN, MAX.
 */
export interface Distribution {
	count: number;
	min: number;
	lowerQuartile: number;
	median: number;
	upperQuartile: number;
	max: number;
}

/** PERCENTILE.INC of ascending values, p in [0, 1]. */
export function percentileInc(ascending: readonly number[], p: number): number {
	if (ascending.length === 0) throw new RangeError('percentile of no values');
	if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile ${p} outside [0, 1]`);
	const position = (ascending.length - 1) * p;
	const lower = Math.floor(position);
	const below = ascending[lower]!;
	const above = ascending[Math.min(lower + 1, ascending.length - 1)]!;
	return below + (position - lower) * (above - below);
}

/** Minimum, quartiles and maximum; null when there is no value (never a distribution of zeros). */
export function distributionOf(values: readonly number[]): Distribution | null {
	const finite = values.filter(Number.isFinite);
	if (finite.length === 0) return null;
	const sorted = [...finite].sort((a, b) => a - b);
	return {
		count: sorted.length,
		min: sorted[0]!,
		lowerQuartile: percentileInc(sorted, 0.25),
		median: percentileInc(sorted, 0.5),
		upperQuartile: percentileInc(sorted, 0.75),
		max: sorted[sorted.length - 1]!
	};
}

/** Where a value stands in the spread, for "own city vs. ring" statements. */
export type QuartilePosition = 'bottom' | 'lower_middle' | 'upper_middle' | 'top';

export function quartilePosition(value: number, d: Distribution): QuartilePosition {
	if (value <= d.lowerQuartile) return 'bottom';
	if (value <= d.median) return 'lower_middle';
	if (value <= d.upperQuartile) return 'upper_middle';
	return 'top';
}

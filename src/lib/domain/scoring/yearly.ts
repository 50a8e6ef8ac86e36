/**
 * The yearly figure of a KPI from its quarterly values, by the KPI's aggregation. Pure; the rules
 * are written out for controllers in docs/scoring.md.
 */
export type Aggregation = 'sum' | 'mean' | 'last';

export interface QuarterValue {
	/** 1–4. */
	quarter: 1 | 2 | 3 | 4 | number;
	/** null (or NaN) means no value for that quarter. */
	value: number | null;
}

export interface YearlyValue {
	value: number | null;
	quartersWithData: number;
	/** sum, mean: all four quarters have a value; last: Q4 has a value. */
	complete: boolean;
}

const hasValue = (q: QuarterValue): q is { quarter: number; value: number } =>
	q.value !== null && q.value !== undefined && !Number.isNaN(q.value);

/**
 * - sum: the sum of the four quarters, only when all four have a value (a partial sum would
 *   understate the year); otherwise null.
 * - mean: the mean of the quarters that have a value; complete when all four have one.
 * - last: the value of the latest quarter that has one; complete when Q4 has one.
 *
 * Throws a RangeError for a quarter outside 1–4 or a quarter given twice. The value is not
 * rounded; display rounds it to the KPI's decimals.
 */
export function yearlyValue(values: QuarterValue[], aggregation: Aggregation): YearlyValue {
	const seen = new Set<number>();
	for (const { quarter } of values) {
		if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) {
			throw new RangeError(`Quarter must be 1–4, got ${quarter}`);
		}
		if (seen.has(quarter)) throw new RangeError(`Quarter ${quarter} given twice`);
		seen.add(quarter);
	}
	const withData = values.filter(hasValue).sort((x, y) => x.quarter - y.quarter);
	const quartersWithData = withData.length;
	const allFour = quartersWithData === 4;
	const total = withData.reduce((sum, q) => sum + q.value, 0);

	switch (aggregation) {
		case 'sum':
			return { value: allFour ? total : null, quartersWithData, complete: allFour };
		case 'mean':
			return {
				value: quartersWithData > 0 ? total / quartersWithData : null,
				quartersWithData,
				complete: allFour
			};
		case 'last': {
			const latest = withData.at(-1);
			return {
				value: latest ? latest.value : null,
				quartersWithData,
				complete: latest?.quarter === 4
			};
		}
		default:
			throw new RangeError(`Unknown aggregation ${String(aggregation)}`);
	}
}

import type { Bands, Status } from '../status/status';
import { statusOf } from '../status/status';
import { scoreOf } from '../scoring/score';
import { yearlyValue, type Aggregation, type QuarterValue } from '../scoring/yearly';

/**
 * Targets hold for each quarter of their year. A yearly figure formed by `mean` or `last` is on
 * the scale of one quarter and meets the same bands; a `sum` is four quarters' worth, so it is
 * judged against four times the quarterly bands (the same verdict as its quarterly mean).
 */
export function yearlyBands(bands: Bands | null, aggregation: Aggregation): Bands | null {
	if (!bands || aggregation !== 'sum') return bands;
	const times4 = (x: number | null) => (x === null ? null : x * 4);
	return {
		greenMin: times4(bands.greenMin),
		greenMax: times4(bands.greenMax),
		yellowMin: times4(bands.yellowMin),
		yellowMax: times4(bands.yellowMax)
	};
}

export interface YearJudgement {
	value: number | null;
	quartersWithData: number;
	complete: boolean;
	status: Status;
	score: number | null;
}

/** The yearly figure by the KPI's aggregation, with its status and score for the year. */
export function judgeYear(
	values: QuarterValue[],
	aggregation: Aggregation,
	bands: Bands | null
): YearJudgement {
	const year = yearlyValue(values, aggregation);
	const yearBands = yearlyBands(bands, aggregation);
	return {
		...year,
		status: statusOf(year.value, yearBands),
		score: scoreOf(year.value, yearBands)
	};
}

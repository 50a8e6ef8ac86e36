/**
 * Status of a KPI value against its target bands. Pure: the same rule serves the scorecard,
 * the entry grid and the comparison, so controllers see one verdict everywhere.
 */
export type Polarity = 'higher_is_better' | 'lower_is_better' | 'target_band';

/** no_data: no value for the period; no_target: a value, but nothing to judge it against. */
export type Status = 'green' | 'yellow' | 'red' | 'no_data' | 'no_target';

/** Inclusive bounds; null means unbounded on that side. Yellow encloses green. */
export interface Bands {
	greenMin: number | null;
	greenMax: number | null;
	yellowMin: number | null;
	yellowMax: number | null;
}

const within = (value: number, min: number | null, max: number | null) =>
	(min === null || value >= min) && (max === null || value <= max);

export function hasTarget(bands: Bands | null | undefined): bands is Bands {
	return !!bands && (bands.greenMin !== null || bands.greenMax !== null);
}

export function statusOf(
	value: number | null | undefined,
	bands: Bands | null | undefined
): Status {
	if (value === null || value === undefined || Number.isNaN(value)) return 'no_data';
	if (!hasTarget(bands)) return 'no_target';
	if (within(value, bands.greenMin, bands.greenMax)) return 'green';
	// Without a yellow band a value outside green is red at once.
	const yellowMin = bands.yellowMin ?? bands.greenMin;
	const yellowMax = bands.yellowMax ?? bands.greenMax;
	if (within(value, yellowMin, yellowMax)) return 'yellow';
	return 'red';
}

export type BandProblem =
	'target_missing' | 'green_inverted' | 'yellow_inside_green' | 'bound_not_allowed';

/** Which bands a polarity needs, so forms can say exactly what is wrong before anything is saved. */
export function bandProblems(polarity: Polarity, bands: Bands): BandProblem[] {
	const problems: BandProblem[] = [];
	const { greenMin, greenMax, yellowMin, yellowMax } = bands;
	if (polarity === 'higher_is_better') {
		if (greenMin === null) problems.push('target_missing');
		if (greenMax !== null || yellowMax !== null) problems.push('bound_not_allowed');
	} else if (polarity === 'lower_is_better') {
		if (greenMax === null) problems.push('target_missing');
		if (greenMin !== null || yellowMin !== null) problems.push('bound_not_allowed');
	} else if (greenMin === null || greenMax === null) {
		problems.push('target_missing');
	}
	if (greenMin !== null && greenMax !== null && greenMin > greenMax)
		problems.push('green_inverted');
	if (
		(yellowMin !== null && greenMin !== null && yellowMin > greenMin) ||
		(yellowMax !== null && greenMax !== null && yellowMax < greenMax)
	) {
		problems.push('yellow_inside_green');
	}
	return problems;
}

/** Bands from their stored form (numeric strings). */
export function bandsFromStrings(row: {
	greenMin: string | null;
	greenMax: string | null;
	yellowMin: string | null;
	yellowMax: string | null;
}): Bands {
	const n = (s: string | null) => (s === null ? null : Number(s));
	return {
		greenMin: n(row.greenMin),
		greenMax: n(row.greenMax),
		yellowMin: n(row.yellowMin),
		yellowMax: n(row.yellowMax)
	};
}

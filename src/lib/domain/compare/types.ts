import type { MeasurementState, VersionRow } from '../scorecard/types';

/** A version of a shared KPI of the field, as the definitions read delivers it (one row per version). */
export interface DefinitionRow extends VersionRow {
	code: string;
	kpiSortOrder: number;
}

/** A value as the cross-city reads deliver it: numerics as strings, as the database has them. */
export interface CityValueRow {
	organisationId: number;
	kpiId: number;
	kpiVersionId: number;
	year: number;
	quarter: number;
	value: string;
	state: MeasurementState;
}

/** Worst first: a period with any draft is a draft, one with a submission is not yet released. */
export const stateOrder: Record<MeasurementState, number> = { draft: 0, submitted: 1, released: 2 };

export function leastReleased(states: MeasurementState[]): MeasurementState | null {
	return states.reduce<MeasurementState | null>(
		(worst, s) => (worst === null || stateOrder[s] < stateOrder[worst] ? s : worst),
		null
	);
}

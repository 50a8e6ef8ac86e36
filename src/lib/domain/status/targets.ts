import { bandsFromStrings, hasTarget, type Bands } from './status';

/** Bands as the database stores them (numeric strings, null where a bound is open). */
export interface StoredBands {
	greenMin: string | null;
	greenMax: string | null;
	yellowMin: string | null;
	yellowMax: string | null;
}

export type TargetSource = 'city' | 'field' | null;

/**
 * The target a value is judged against: the city's own target for the year wins; otherwise the
 * field's common target of the definition in force, if one was agreed; otherwise none.
 */
export function targetBands(
	city: Bands | null | undefined,
	field: StoredBands | null | undefined
): { bands: Bands | null; source: TargetSource } {
	if (hasTarget(city)) return { bands: city, source: 'city' };
	const common = field ? bandsFromStrings(field) : null;
	if (hasTarget(common)) return { bands: common, source: 'field' };
	return { bands: null, source: null };
}

/** The city's stored targets, per scorecard KPI and year. */
export function cityTargetsByKpi(
	rows: readonly (StoredBands & { scorecardKpiId: number; year: number })[]
): Map<number, Map<number, Bands>> {
	const byKpi = new Map<number, Map<number, Bands>>();
	for (const t of rows) {
		let byYear = byKpi.get(t.scorecardKpiId);
		if (!byYear) byKpi.set(t.scorecardKpiId, (byYear = new Map()));
		byYear.set(t.year, bandsFromStrings(t));
	}
	return byKpi;
}

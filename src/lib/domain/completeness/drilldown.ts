import type { Quarter } from '../period/quarter';
import { byGermanName, cellKey, type CompletenessCity } from './matrix';
import { countState, emptyCounts, type EntryState, type StateCounts } from './states';

/**
 * The KPI level below the heatmap: for one field (optionally one city) the state of every KPI
 * on each city's scorecard, shaped from the rows of one statement. States only, never values.
 */

export interface DrilldownRow {
	organisationId: number;
	organisationSlug: string;
	organisationName: string;
	/** null: the scorecard lists no KPI in the quarter (the city still appears). */
	kpiId: number | null;
	code: string | null;
	/** The city's own KPI: not comparable, not a heatmap column of its own. */
	local: boolean;
	nameDe: string | null;
	nameEn: string | null;
	/** null: no value entered. */
	state: Exclude<EntryState, 'missing'> | null;
}

export interface DrilldownKpi {
	id: number;
	code: string;
	nameDe: string;
	nameEn: string;
	local: boolean;
}

export interface DrilldownCity extends CompletenessCity {
	/** Every KPI on the city's scorecard in catalogue order, with its state. */
	kpis: (DrilldownKpi & { state: EntryState })[];
	/** State per shared KPI id; absent: not on the city's scorecard. */
	states: Record<number, EntryState>;
	/** The city's own KPIs, counted only: they are not comparable across cities. */
	local: StateCounts;
	/** All its KPIs. */
	counts: StateCounts;
}

export interface Drilldown {
	quarter: Quarter;
	fieldId: number;
	/** Shared KPIs on at least one city's scorecard, in catalogue order: the table's columns. */
	kpis: DrilldownKpi[];
	cities: DrilldownCity[];
}

/** Rows in catalogue order → cities by name, each KPI once (a KPI under two objectives counts once). */
export function shapeDrilldown(
	quarter: Quarter,
	fieldId: number,
	rows: readonly DrilldownRow[]
): Drilldown {
	const shared = new Map<number, DrilldownKpi>();
	const cities = new Map<number, DrilldownCity>();
	const seen = new Set<string>();
	for (const r of rows) {
		let city = cities.get(r.organisationId);
		if (!city) {
			city = {
				id: r.organisationId,
				slug: r.organisationSlug,
				name: r.organisationName,
				kpis: [],
				states: {},
				local: emptyCounts(),
				counts: emptyCounts()
			};
			cities.set(r.organisationId, city);
		}
		if (r.kpiId === null || r.code === null) continue;
		const key = cellKey(r.organisationId, r.kpiId);
		if (seen.has(key)) continue;
		seen.add(key);
		const state: EntryState = r.state ?? 'missing';
		const kpi: DrilldownKpi = {
			id: r.kpiId,
			code: r.code,
			nameDe: r.nameDe ?? r.code,
			nameEn: r.nameEn ?? r.code,
			local: r.local
		};
		city.kpis.push({ ...kpi, state });
		countState(city.counts, state);
		if (r.local) {
			countState(city.local, state);
		} else {
			city.states[r.kpiId] = state;
			if (!shared.has(r.kpiId)) shared.set(r.kpiId, kpi);
		}
	}
	return {
		quarter,
		fieldId,
		kpis: [...shared.values()],
		cities: [...cities.values()].sort(byGermanName)
	};
}

import { groupBy } from '../../util/group-by';
import {
	compareQuarters,
	quarterIndex,
	quarterFromIndex,
	shiftQuarter,
	type Quarter
} from '../period/quarter';
import { bandsFromStrings, type Polarity } from '../status/status';
import { versionForQuarter } from '../scorecard/versions';
import type { KpiUnit } from '../../format/number';
import type { MeasurementRow, MeasurementState, VersionRow } from '../scorecard/types';
import { localName } from '../../format/local-name';
import type { StoredBands } from '../status/targets';
import { scorecardStatus, travellingNote } from '../notes/travel';

/**
 * At most this many city lines (issue 8: ten cities over 40 quarters). Each line has its own
 * colour, dash pattern and marker (`cityLooks` in the chart components), and the table beside
 * the chart holds the same figures.
 */
export const MAX_TREND_CITIES = 10;

/** A visible value of the KPI of one chosen city. */
export interface TrendRow extends Omit<MeasurementRow, 'kpiId'> {
	organisationId: number;
	/** The city's own target for the value's year, if it set one (for whether the comment travels). */
	cityTarget: StoredBands | null;
}

/** The ring's (or peer group's) median in one quarter of the values under one definition. */
export interface TrendMedian extends Quarter {
	kpiVersionId: number;
	median: number;
}

export interface TrendPoint extends Quarter {
	value: number | null;
	state: MeasurementState | null;
	/** The value was entered under another definition than the one in force in its quarter. */
	otherDefinition: boolean;
	/** The same quarter a year before, and the change to it in the KPI's unit. */
	sameQuarterLastYear: number | null;
	/** The year-ago value was entered under another definition: no change is given. */
	lastYearOtherDefinition: boolean;
	changeToLastYear: number | null;
	/** The city's comment on a red or amber value (`travellingNote`). */
	note: string | null;
}

export interface TrendCity {
	organisationId: number;
	slug: string;
	name: string;
	own: boolean;
}

export interface TrendSeries extends TrendCity {
	points: TrendPoint[];
}

export interface TrendView {
	kpi: {
		kpiId: number;
		name: string;
		unit: KpiUnit;
		decimals: number;
		polarity: Polarity;
	};
	quarters: Quarter[];
	/** Every quarter with a visible value of the KPI in the ring, for the range pickers. */
	available: Quarter[];
	cities: TrendCity[];
	series: TrendSeries[];
	/** The field's common target (green band) in force per quarter; null where none. */
	targetMin: (number | null)[];
	targetMax: (number | null)[];
	/** Median of the ring per quarter: released values under the definition in force only. */
	median: (number | null)[];
	/** Quarters (indexes into `quarters`) from which a new definition applies. */
	breaks: number[];
}

const key = (q: Quarter) => `${q.year}-${q.quarter}`;

/** The quarters from `from` to `to`, oldest first (swapped if given the wrong way round). */
export function quarterSpan(from: Quarter, to: Quarter): Quarter[] {
	const [a, b] = compareQuarters(from, to) <= 0 ? [from, to] : [to, from];
	const out: Quarter[] = [];
	for (let i = quarterIndex(a); i <= quarterIndex(b); i++) out.push(quarterFromIndex(i));
	return out;
}

/** Default range: the last twelve quarters with values in the ring (three years, as the scorecard). */
export function defaultRange(available: readonly Quarter[]): { from: Quarter; to: Quarter } | null {
	const last = available.at(-1);
	const first = available[0];
	if (!last || !first) return null;
	const from = shiftQuarter(last, -11);
	return { from: compareQuarters(from, first) < 0 ? first : from, to: last };
}

/**
 * One shared KPI over quarters for the chosen cities, with the common target, the ring's median
 * and the definition breaks. Pure: the chosen cities' rows, the medians per quarter and
 * definition (which values count is decided in the database, server/compare/ring-statistics.ts)
 * and the quarters with values come from the reads, visibility already applied.
 */
export function buildTrend(input: {
	versions: VersionRow[];
	/** Every participating city (of the peer group), for the picker. */
	cities: readonly { organisationId: number; slug: string; name: string }[];
	/** The visible values of (at least) the chosen cities. */
	rows: TrendRow[];
	medians: readonly TrendMedian[];
	/** Every quarter with a visible value of the KPI in the ring, for the range pickers. */
	available: Quarter[];
	chosen: readonly string[];
	from: Quarter;
	to: Quarter;
	ownOrganisationIds: readonly number[];
	locale: 'de' | 'en';
}): TrendView {
	const { versions, rows, locale } = input;
	const quarters = quarterSpan(input.from, input.to);
	const inForce = quarters.map((q) => versionForQuarter(versions, q)!);
	const reference = inForce.at(-1)!;
	const own = new Set(input.ownOrganisationIds);
	const byCity = groupBy(rows, (r) => r.organisationId);
	const cities: TrendCity[] = input.cities
		.map((c) => ({
			organisationId: c.organisationId,
			slug: c.slug,
			name: c.name,
			own: own.has(c.organisationId)
		}))
		.sort((a, b) => a.name.localeCompare(b.name, locale));
	const valuesOf = (organisationId: number) =>
		new Map((byCity.get(organisationId) ?? []).map((r) => [key(r), r]));
	const bands = inForce.map((v) => bandsFromStrings(v));
	const chosenCities = cities.filter((c) => input.chosen.includes(c.slug));
	const allValues = new Map(
		chosenCities.map((c) => [c.organisationId, valuesOf(c.organisationId)])
	);

	const series: TrendSeries[] = input.chosen.flatMap((slug) => {
		const city = cities.find((c) => c.slug === slug);
		if (!city) return [];
		const values = allValues.get(city.organisationId)!;
		const points = quarters.map((q, i): TrendPoint => {
			const row = values.get(key(q));
			const before = values.get(key(shiftQuarter(q, -4)));
			const value = row ? Number(row.value) : null;
			const lastYear = before ? Number(before.value) : null;
			return {
				year: q.year,
				quarter: q.quarter,
				value,
				state: row?.state ?? null,
				otherDefinition: !!row && row.kpiVersionId !== inForce[i]!.id,
				sameQuarterLastYear: lastYear,
				lastYearOtherDefinition: !!row && !!before && before.kpiVersionId !== row.kpiVersionId,
				// No change across a definition break: the two figures measure different things.
				changeToLastYear:
					value !== null && lastYear !== null && before!.kpiVersionId === row!.kpiVersionId
						? value - lastYear
						: null,
				// Judged as on the city's scorecard: its own target, else the common one in force.
				note: row
					? travellingNote(
							{
								comment: row.comment,
								status: scorecardStatus(value, row.cityTarget, bands[i]!),
								state: row.state
							},
							city.own
						)
					: null
			};
		});
		return [{ ...city, points }];
	});

	// The median of the definition in force in each quarter (released values under it only).
	const medians = new Map(input.medians.map((m) => [`${key(m)}-${m.kpiVersionId}`, m.median]));
	const median = quarters.map((q, i) => medians.get(`${key(q)}-${inForce[i]!.id}`) ?? null);
	return {
		kpi: {
			kpiId: reference.kpiId,
			name: localName(reference, locale),
			unit: reference.unit,
			decimals: reference.decimals,
			polarity: reference.polarity
		},
		quarters,
		available: input.available,
		cities,
		series,
		targetMin: bands.map((b) => b.greenMin),
		targetMax: bands.map((b) => b.greenMax),
		median,
		breaks: inForce.flatMap((v, i) => (i > 0 && v.id !== inForce[i - 1]!.id ? [i] : []))
	};
}

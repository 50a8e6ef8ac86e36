import { statusOf, type Bands, type Polarity, type Status } from '../status/status';
import { yearlyValue, type Aggregation } from '../scoring/yearly';
import { distributionOf, type Distribution } from '../statistics/distribution';
import { rankByPolarity } from '../statistics/ranking';
import type { ComparisonPeriod } from './period';
import type { StoredBands } from '../status/targets';
import { scorecardStatus, travellingNote } from '../notes/travel';

/** One collator for all sorts: localeCompare builds a new one per call, which is slow for 396 names. */
const byName = new Intl.Collator('de').compare;

export type Denominator = 'none' | 'per_1000_inhabitants' | 'per_case';

/**
 * `defined`: the KPI as its definition states it (e.g. per 1,000 inhabitants), comparable
 * across cities of any size. `absolute`: scaled back to the city's total (value × inhabitants /
 * 1,000, or value × cases) — how much it is, not how the city compares; no ranking, no target.
 */
export type Basis = 'defined' | 'absolute';

export interface ComparisonKpi {
	polarity: Polarity;
	aggregation: Aggregation;
	denominator: Denominator;
	/** The definition valid in the period's last quarter; values under another are flagged. */
	versionId: number;
	/** The field's common target, if it agreed one. */
	commonTarget: Bands | null;
}

export interface Population {
	inhabitants: number;
	referenceDate: string;
	source: string;
	estimate: boolean;
}

/** One participating city, with its visible value of one quarter (or none). */
export interface ComparisonRow {
	organisationId: number;
	slug: string;
	name: string;
	population: Population | null;
	quarter: number | null;
	value: number | null;
	caseCount: number | null;
	state: 'draft' | 'submitted' | 'released' | null;
	kpiVersionId: number | null;
	/** The controller's comment on the value ('' without one). */
	comment: string;
	/** The city's own target for the value's year, if it set one (judges whether the note travels). */
	cityTarget: StoredBands | null;
}

/** A city's comment that travels with its compared value; `quarter` names it in a year view. */
export interface ComparedNote {
	quarter: number;
	text: string;
}

export interface ComparisonEntry {
	organisationId: number;
	slug: string;
	name: string;
	value: number;
	status: Status;
	own: boolean;
	/** False: the own city's draft or submitted value, shown only to that city. */
	released: boolean;
	/** Entered under another definition: shown, flagged, left out of statistics and ranking. */
	otherDefinition: boolean;
	/** A year figure from fewer than four quarters (mean, last). */
	incomplete: boolean;
	rank: number | null;
	population: Population | null;
	/** The city's comments on the compared quarters' red or amber values (`travellingNote`). */
	notes: ComparedNote[];
}

export interface Comparison {
	/** Best first where the polarity defines better, otherwise highest first. */
	entries: ComparisonEntry[];
	/** Participating cities without a visible value for the period (or outside the chosen basis). */
	missing: { slug: string; name: string }[];
	/** Over released values under the current definition only, so every viewer sees the same. */
	distribution: Distribution | null;
	ranked: boolean;
	target: Bands | null;
}

export interface ComparisonInput {
	kpi: ComparisonKpi;
	period: ComparisonPeriod;
	basis: Basis;
	rows: ComparisonRow[];
	ownOrganisations: readonly number[];
	/** Members of the chosen peer group; null for all cities. */
	group: ReadonlySet<number> | null;
}

interface CityValues {
	row: ComparisonRow;
	quarters: ComparisonRow[];
}

/** The value on the chosen basis for one quarter; null when its denominator is not known. */
function onBasis(row: ComparisonRow, kpi: ComparisonKpi, basis: Basis): number | null {
	if (row.value === null) return null;
	if (basis === 'defined' || kpi.denominator === 'none') return row.value;
	if (kpi.denominator === 'per_1000_inhabitants')
		return row.population ? (row.value * row.population.inhabitants) / 1000 : null;
	return row.caseCount === null ? null : row.value * row.caseCount;
}

/**
 * The period's figure of one city. A year follows the definition's aggregation on the defined
 * basis; on the absolute basis totals add up, so a year needs all four quarters.
 */
function figureOf(city: CityValues, input: ComparisonInput) {
	const { kpi, period, basis } = input;
	const values = city.quarters.map((q) => ({
		quarter: q.quarter ?? 0,
		value: onBasis(q, kpi, basis)
	}));
	if (period.kind === 'quarter') {
		const value = values[0]?.value ?? null;
		return value === null ? null : { value, incomplete: false };
	}
	if (basis === 'absolute' && kpi.denominator !== 'none') {
		const known = values.filter((v) => v.value !== null);
		if (known.length < 4) return null;
		return { value: known.reduce((s, v) => s + v.value!, 0), incomplete: false };
	}
	const year = yearlyValue(values, kpi.aggregation);
	return year.value === null ? null : { value: year.value, incomplete: !year.complete };
}

/**
 * The comments that travel with a city's compared values: each quarter's value judged as on the
 * city's scorecard (its own target, else the common one), not against the comparison's basis.
 */
function notesOf(city: CityValues, kpi: ComparisonKpi, ownCity: boolean): ComparedNote[] {
	return city.quarters
		.flatMap((q) => {
			const status = scorecardStatus(q.value, q.cityTarget, kpi.commonTarget);
			const text = travellingNote({ comment: q.comment, status, state: q.state }, ownCity);
			return text === null ? [] : [{ quarter: q.quarter ?? 0, text }];
		})
		.sort((a, b) => a.quarter - b.quarter);
}

/** Shapes one KPI's visible values of all participating cities into the comparison. */
export function buildComparison(input: ComparisonInput): Comparison {
	const { kpi, basis, group } = input;
	const own = new Set(input.ownOrganisations);
	const byCity = new Map<number, CityValues>();
	for (const row of input.rows) {
		if (group && !group.has(row.organisationId)) continue;
		const city = byCity.get(row.organisationId) ?? { row, quarters: [] };
		if (row.value !== null) city.quarters.push(row);
		byCity.set(row.organisationId, city);
	}

	const judged = basis === 'defined' || kpi.denominator === 'none';
	const target = judged ? kpi.commonTarget : null;
	const entries: ComparisonEntry[] = [];
	const missing: Comparison['missing'] = [];
	for (const city of byCity.values()) {
		const figure = city.quarters.length ? figureOf(city, input) : null;
		if (!figure) {
			missing.push({ slug: city.row.slug, name: city.row.name });
			continue;
		}
		entries.push({
			organisationId: city.row.organisationId,
			slug: city.row.slug,
			name: city.row.name,
			value: figure.value,
			status: target ? statusOf(figure.value, target) : 'no_target',
			own: own.has(city.row.organisationId),
			released: city.quarters.every((q) => q.state === 'released'),
			otherDefinition: city.quarters.some((q) => q.kpiVersionId !== kpi.versionId),
			incomplete: figure.incomplete,
			rank: null,
			population: city.row.population,
			notes: notesOf(city, kpi, own.has(city.row.organisationId))
		});
	}

	const comparable = entries.filter((e) => e.released && !e.otherDefinition);
	const ranking = judged ? rankByPolarity(comparable, (e) => e.value, kpi.polarity) : null;
	for (const { item, rank } of ranking ?? []) item.rank = rank;
	const sign = kpi.polarity === 'lower_is_better' && ranking ? 1 : -1;
	entries.sort((a, b) => sign * (a.value - b.value) || byName(a.name, b.name));
	missing.sort((a, b) => byName(a.name, b.name));

	return {
		entries,
		missing,
		distribution: distributionOf(comparable.map((e) => e.value)),
		ranked: ranking !== null,
		target
	};
}

import { groupBy } from '../../util/group-by';
import { compareQuarters, type Quarter } from '../period/quarter';
import {
	bandsFromStrings,
	hasTarget,
	statusOf,
	type Bands,
	type Polarity,
	type Status
} from '../status/status';
import { scoreOf } from '../scoring/score';
import { targetBands } from '../status/targets';
import { versionForQuarter } from '../scorecard/versions';
import type { KpiUnit } from '../../format/number';
import type { MeasurementState, VersionRow } from '../scorecard/types';
import { definingQuarter, quartersOf, type ComparisonPeriod } from './period';
import { judgeYear } from './yearly-judgement';
import { leastReleased, type DefinitionRow } from './types';
import { localName } from '../../format/local-name';

/**
 * One row per city and shared KPI of the field (left-joined: no value gives nulls), repeated
 * per quarter for a year; with the city's own target for the period's year, if it set one.
 */
export interface HeatmapCellRow {
	organisationId: number;
	citySlug: string;
	cityName: string;
	kpiId: number;
	year: number | null;
	quarter: number | null;
	value: string | null;
	state: MeasurementState | null;
	kpiVersionId: number | null;
	hasComment: boolean | null;
	targetGreenMin: string | null;
	targetGreenMax: string | null;
	targetYellowMin: string | null;
	targetYellowMax: string | null;
}

type HeatmapValueRow = HeatmapCellRow & {
	value: string;
	year: number;
	quarter: number;
	state: MeasurementState;
};

/**
 * A definition with the column's statistics for the period under it, computed where the values
 * are (server/compare/ring-statistics.ts, the one place that says which values count): the
 * page then needs only its own rows, not every city's.
 */
export interface HeatmapDefinitionRow extends DefinitionRow {
	median: number | null;
	statisticsCount: number;
}

export interface HeatmapColumn {
	kpiId: number;
	code: string;
	name: string;
	unit: KpiUnit;
	decimals: number;
	polarity: Polarity;
	aggregation: VersionRow['aggregation'];
	/** The field's common target in force for the period, if it agreed one. */
	commonTarget: Bands | null;
	/** A new definition took effect within the period: earlier periods are not comparable. */
	definitionChangedFrom: Quarter | null;
	/**
	 * Median (QUARTILE.INC rule) of the column's released values under the definition in force,
	 * over every city of the view (all pages), as on the comparison page: an own unreleased value
	 * or one under another definition is shown but not counted. null without such values.
	 */
	median: number | null;
	statisticsCount: number;
}

export interface HeatmapCell {
	kpiId: number;
	value: number | null;
	status: Status;
	score: number | null;
	/** The least released state among the values behind the cell; null without a value. */
	state: MeasurementState | null;
	/** A value was entered under another definition than the one in force: its start quarter. */
	otherVersionFrom: Quarter | null;
	hasComment: boolean;
	/** Year only: quarters with a value and whether the yearly figure is complete. */
	quartersWithData: number;
	complete: boolean;
	targetSource: 'city' | 'field' | null;
}

export interface HeatmapRow {
	organisationId: number;
	slug: string;
	name: string;
	/** The viewer's own city: its unreleased values are shown (and marked). */
	own: boolean;
	cells: HeatmapCell[];
}

export interface Heatmap {
	columns: HeatmapColumn[];
	rows: HeatmapRow[];
	/** How many cells rest on values not yet released (only ever the viewer's own city). */
	unreleasedCells: number;
}

const quarterOf = (v: VersionRow): Quarter => ({
	year: v.validFromYear,
	quarter: v.validFromQuarter
});

function cityBands(row: HeatmapCellRow): Bands | null {
	const bands = bandsFromStrings({
		greenMin: row.targetGreenMin,
		greenMax: row.targetGreenMax,
		yellowMin: row.targetYellowMin,
		yellowMax: row.targetYellowMax
	});
	return hasTarget(bands) ? bands : null;
}

/** What every cell of a column shares: worked out once per column, not once per city (NRW: 396). */
interface ColumnContext {
	versions: VersionRow[];
	reference: VersionRow;
	/** The common target in force; used where the city set none for the year. */
	fieldBands: { bands: Bands | null; source: 'field' | null };
}

function buildCell(
	rows: HeatmapCellRow[],
	column: ColumnContext,
	inPeriod: ReadonlySet<string>,
	period: ComparisonPeriod
): HeatmapCell {
	const { versions, reference } = column;
	// One value per quarter, even if a KPI sits twice on a scorecard (two target rows).
	const byQuarter = new Map<string, HeatmapValueRow>();
	let own: Bands | null = null;
	for (const r of rows) {
		const key = `${r.year}-${r.quarter}`;
		if (r.value !== null && r.state !== null && inPeriod.has(key)) {
			byQuarter.set(key, r as HeatmapValueRow);
		}
		if (own === null && (r.targetGreenMin !== null || r.targetGreenMax !== null))
			own = cityBands(r);
	}
	const values = [...byQuarter.values()];
	const { bands, source } = own ? { bands: own, source: 'city' as const } : column.fieldBands;
	const other = values.find((v) => v.kpiVersionId !== reference.id);
	const otherVersion = other ? versions.find((v) => v.id === other.kpiVersionId) : undefined;
	const value = values[0] ? Number(values[0].value) : null;
	const year =
		period.kind === 'quarter'
			? null
			: judgeYear(
					values.map((v) => ({ quarter: v.quarter, value: Number(v.value) })),
					reference.aggregation,
					bands
				);
	// One literal for both kinds: 7,920 cells at NRW scale, spreads made each a slow object.
	return {
		kpiId: reference.kpiId,
		value: year ? year.value : value,
		status: year ? year.status : statusOf(value, bands),
		score: year ? year.score : scoreOf(value, bands),
		state: leastReleased(values.map((v) => v.state)),
		otherVersionFrom: otherVersion ? quarterOf(otherVersion) : null,
		hasComment: values.some((v) => v.hasComment === true),
		quartersWithData: year ? year.quartersWithData : values.length,
		complete: year ? year.complete : values.length === 1,
		targetSource: source
	};
}

/**
 * Cities × shared KPIs of a field for one quarter or year. The definition and common target in
 * force at the period's reference quarter head each column; a city's own target for the year
 * overrides the common one, as on the scorecard, so the cell shows the verdict the city sees.
 */
export function buildHeatmap(input: {
	definitions: HeatmapDefinitionRow[];
	/** The rows to show (all cities, or one page of them); the medians come with the definitions. */
	cells: HeatmapCellRow[];
	period: ComparisonPeriod;
	ownOrganisationIds: readonly number[];
	locale: 'de' | 'en';
}): Heatmap {
	const { definitions, cells, period, locale } = input;
	const ref = definingQuarter(period);
	const first = quartersOf(period)[0]!;
	const kpis = [...groupBy(definitions, (d) => d.kpiId).values()].sort(
		(a, b) => a[0]!.kpiSortOrder - b[0]!.kpiSortOrder || a[0]!.code.localeCompare(b[0]!.code)
	);
	const columns = kpis.map((versions) => {
		const reference = versionForQuarter(versions, ref)!;
		const from = quarterOf(reference);
		const changed =
			versions.some((v) => compareQuarters(quarterOf(v), from) < 0) &&
			compareQuarters(from, first) >= 0;
		const field = targetBands(null, reference);
		const fieldBands = {
			bands: field.bands,
			source: field.source === 'field' ? ('field' as const) : null
		};
		return { versions, reference, fieldBands, changedFrom: changed ? from : null };
	});
	const inPeriod = new Set(quartersOf(period).map((q) => `${q.year}-${q.quarter}`));
	const own = new Set(input.ownOrganisationIds);
	const rows: HeatmapRow[] = [...groupBy(cells, (c) => c.organisationId).values()].map(
		(cityRows) => {
			const byKpi = groupBy(cityRows, (r) => r.kpiId);
			const city = cityRows[0]!;
			return {
				organisationId: city.organisationId,
				slug: city.citySlug,
				name: city.cityName,
				own: own.has(city.organisationId),
				cells: columns.map((column) =>
					buildCell(byKpi.get(column.reference.kpiId) ?? [], column, inPeriod, period)
				)
			};
		}
	);
	return {
		columns: columns.map(({ reference, changedFrom }, i) => {
			const common = bandsFromStrings(reference);
			return {
				kpiId: reference.kpiId,
				code: kpis[i]![0]!.code,
				name: localName(reference, locale),
				unit: reference.unit,
				decimals: reference.decimals,
				polarity: reference.polarity,
				aggregation: reference.aggregation,
				commonTarget: hasTarget(common) ? common : null,
				definitionChangedFrom: changedFrom,
				median: reference.median,
				statisticsCount: reference.statisticsCount
			};
		}),
		rows,
		unreleasedCells: rows.reduce(
			(n, r) => n + r.cells.filter((c) => c.state !== null && c.state !== 'released').length,
			0
		)
	};
}

import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/types';
import { fieldParticipants, kpis, kpiVersions, measurements, organisations } from '../db/schema';
import type { Viewer } from '../auth/viewer';
import { visibleValues } from './visible';
import {
	definitionOrder,
	participantCities,
	sharedDefinitionColumns,
	sharedKpisOfField,
	valueOfParticipant
} from './heatmap-queries';
import type { ComparisonPeriod } from '../../domain/compare/period';
import type { Quarter } from '../../domain/period/quarter';
import type { HeatmapDefinitionRow } from '../../domain/compare/heatmap';

/**
 * What the ring's median is taken over: every shared, not archived KPI of the field in one
 * period (the heatmap: a quarter, or a year whose figure the definition's aggregation forms), or
 * one KPI in each quarter of a span (the trend; `null` ends: the whole history).
 */
export type MedianScope =
	| { fieldId: number; period: ComparisonPeriod }
	| { fieldId: number; kpiId: number; quarters: { from: Quarter; to: Quarter } | null };

/**
 * The figure of one city and KPI in the period, as the heatmap's cell and the trend's point
 * show it: the quarter's value, or for a year the quarters by the definition's aggregation
 * (domain/scoring/yearly.ts: a sum only with all four quarters, a mean of the quarters with a
 * value, the latest quarter's value). float8 as the page's Number(); the sum in quarter order,
 * as the page adds them.
 */
function cellFigure(yearly: boolean): SQL<number | null> {
	const value = sql`${measurements.value}::float8`;
	if (!yearly) return sql`min(${value})`;
	return sql`case min(${kpiVersions.aggregation}::text)
		when 'sum' then case when count(*) = 4 then sum(${value} order by ${measurements.quarter}) end
		when 'mean' then sum(${value} order by ${measurements.quarter}) / count(*)
		when 'last' then (array_agg(${value} order by ${measurements.quarter} desc))[1]
	end`;
}

/**
 * The figures that count for the ring's (or the peer group's) median, one per city, KPI and
 * period (per quarter for the trend), each with the definition it counts for. This is the one
 * place that says which values count, for the heatmap and the trend alike (decisions 0043,
 * 0045): a city's figure counts when every value behind it that the viewer can see is released
 * and entered under one definition; the figure then counts for that definition, and the page
 * takes the median of the definition in force. So the own city's drafts and values under
 * another definition are shown but never counted, as on the comparison page; `members` narrows
 * it to a peer group.
 */
function countedFigures(
	db: DbOrTx,
	viewer: Viewer,
	scope: MedianScope,
	members: readonly number[] | null
) {
	const yearly = 'period' in scope && scope.period.kind === 'year';
	const kpiFilter =
		'kpiId' in scope
			? eq(measurements.kpiId, scope.kpiId)
			: inArray(
					measurements.kpiId,
					db
						.select({ id: kpis.id })
						.from(kpis)
						.where(
							and(
								eq(kpis.fieldId, scope.fieldId),
								isNull(kpis.ownerOrganisationId),
								isNull(kpis.archivedAt)
							)
						)
				);
	const periodFilter =
		'period' in scope
			? and(
					eq(measurements.year, scope.period.year),
					scope.period.kind === 'quarter'
						? eq(measurements.quarter, scope.period.quarter)
						: undefined
				)
			: scope.quarters
				? sql`(${measurements.year}, ${measurements.quarter}) between (${scope.quarters.from.year}, ${scope.quarters.from.quarter}) and (${scope.quarters.to.year}, ${scope.quarters.to.quarter})`
				: undefined;
	return (
		db
			.select({
				year: sql<number>`${measurements.year}`.as('cell_year'),
				// A year's figure has no quarter of its own.
				quarter: (yearly ? sql<null>`null::int` : sql<number>`${measurements.quarter}`).as(
					'cell_quarter'
				),
				version: sql<number>`min(${measurements.kpiVersionId})`.as('cell_version'),
				figure: cellFigure(yearly).as('cell_figure')
			})
			.from(measurements)
			.innerJoin(kpiVersions, eq(kpiVersions.id, measurements.kpiVersionId))
			// A join, not `organisation_id in (participants)`: with the semi-join PostgreSQL probed the
			// index once per city and KPI (7,920 probes, ~23,800 buffers); joined, it reads the period's
			// values per KPI from the covering index (~170 buffers) and hashes the participants.
			.innerJoin(fieldParticipants, valueOfParticipant(scope.fieldId))
			.innerJoin(organisations, participantCities)
			.where(
				and(
					kpiFilter,
					periodFilter,
					visibleValues(viewer),
					members ? inArray(measurements.organisationId, [...members]) : undefined
				)
			)
			.groupBy(
				measurements.organisationId,
				measurements.kpiId,
				measurements.year,
				...(yearly ? [] : [measurements.quarter])
			)
			.having(
				sql`bool_and(${measurements.state} = 'released') and min(${measurements.kpiVersionId}) = max(${measurements.kpiVersionId})`
			)
			.as('cell')
	);
}

/** PERCENTILE.INC in PostgreSQL, over the figures that count (null figures: none to count). */
const medianOf = (cell: ReturnType<typeof countedFigures>) => ({
	median: sql<number>`percentile_cont(0.5) within group (order by ${cell.figure})`
		.mapWith(Number)
		.as('stat_median'),
	count: sql<number>`count(*)::int`.as('stat_count')
});

/** The heatmap's median and count per definition in the period. */
function statistics(
	db: DbOrTx,
	viewer: Viewer,
	fieldId: number,
	period: ComparisonPeriod,
	members: readonly number[] | null
) {
	const cell = countedFigures(db, viewer, { fieldId, period }, members);
	return db
		.select({ version: sql<number>`${cell.version}`.as('stat_version'), ...medianOf(cell) })
		.from(cell)
		.where(sql`${cell.figure} is not null`)
		.groupBy(cell.version)
		.as('stat');
}

export interface TrendMedianRow extends Quarter {
	kpiVersionId: number;
	median: number;
}

/**
 * The trend's median per quarter and definition of one KPI (the page takes the definition in
 * force in each quarter): one statement over the span, so the trend needs only the chosen
 * cities' rows, not every city's.
 */
export function loadTrendMedians(
	db: DbOrTx,
	viewer: Viewer,
	fieldId: number,
	kpiId: number,
	quarters: { from: Quarter; to: Quarter } | null,
	members: readonly number[] | null
): Promise<TrendMedianRow[]> {
	const cell = countedFigures(db, viewer, { fieldId, kpiId, quarters }, members);
	return db
		.select({
			year: cell.year,
			quarter: sql<number>`${cell.quarter}`,
			kpiVersionId: cell.version,
			median: medianOf(cell).median
		})
		.from(cell)
		.where(sql`${cell.figure} is not null`)
		.groupBy(cell.year, cell.quarter, cell.version)
		.orderBy(cell.year, cell.quarter, cell.version);
}

/**
 * Every version of every shared, not archived KPI of the field (as loadFieldDefinitions), each
 * with the median and count of the figures that count under it in the period: one statement,
 * so the heatmap needs none of the other cities' rows for its median row.
 */
export async function loadHeatmapDefinitions(
	db: DbOrTx,
	viewer: Viewer,
	fieldId: number,
	period: ComparisonPeriod,
	members: readonly number[] | null
): Promise<HeatmapDefinitionRow[]> {
	const stat = statistics(db, viewer, fieldId, period, members);
	const rows = await db
		.select({ ...sharedDefinitionColumns, median: stat.median, statisticsCount: stat.count })
		.from(kpis)
		.innerJoin(kpiVersions, eq(kpiVersions.kpiId, kpis.id))
		.leftJoin(stat, eq(stat.version, kpiVersions.id))
		.where(sharedKpisOfField(fieldId))
		.orderBy(...definitionOrder);
	return rows.map((r) => ({ ...r, statisticsCount: r.statisticsCount ?? 0 }));
}

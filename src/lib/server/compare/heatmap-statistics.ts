import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/types';
import { fieldParticipants, kpis, kpiVersions, measurements, organisations } from '../db/schema';
import { kpiDefinitionColumns } from '../catalogue/version-columns';
import type { Viewer } from '../auth/viewer';
import { visibleValues } from './visible';
import { participantCities } from './heatmap-queries';
import type { ComparisonPeriod } from '../../domain/compare/period';
import type { HeatmapDefinitionRow } from '../../domain/compare/heatmap';

/**
 * The figure of one city and KPI in the period, as the heatmap's cell shows it: the quarter's
 * value, or for a year the quarters by the definition's aggregation (domain/scoring/yearly.ts:
 * a sum only with all four quarters, a mean of the quarters with a value, the latest quarter's
 * value). float8 as the page's Number(); the sum in quarter order, as the page adds them.
 */
function cellFigure(period: ComparisonPeriod): SQL<number | null> {
	const value = sql`${measurements.value}::float8`;
	if (period.kind === 'quarter') return sql`min(${value})`;
	return sql`case min(${kpiVersions.aggregation}::text)
		when 'sum' then case when count(*) = 4 then sum(${value} order by ${measurements.quarter}) end
		when 'mean' then sum(${value} order by ${measurements.quarter}) / count(*)
		when 'last' then (array_agg(${value} order by ${measurements.quarter} desc))[1]
	end`;
}

/**
 * The ring's (or the peer group's) median per KPI definition in the period, computed in the
 * database (PERCENTILE.INC, the same interpolation as domain/statistics/distribution.ts:
 * tests/integration/heatmap-statistics.test.ts compares both). This is the one place that says
 * which values count for the heatmap's median: a city's figure counts when every value behind
 * it that the viewer can see is released and entered under one definition; the figure then
 * counts for that definition, and the page takes the median of the definition in force. So the
 * own city's drafts and values under another definition are shown but never counted, as on the
 * comparison page; `members` narrows it to a peer group.
 */
function statistics(
	db: DbOrTx,
	viewer: Viewer,
	fieldId: number,
	period: ComparisonPeriod,
	members: readonly number[] | null
) {
	const fieldKpis = db
		.select({ id: kpis.id })
		.from(kpis)
		.where(
			and(eq(kpis.fieldId, fieldId), isNull(kpis.ownerOrganisationId), isNull(kpis.archivedAt))
		);
	const cell = db
		.select({
			version: sql<number>`min(${measurements.kpiVersionId})`.as('cell_version'),
			figure: cellFigure(period).as('cell_figure')
		})
		.from(measurements)
		.innerJoin(kpiVersions, eq(kpiVersions.id, measurements.kpiVersionId))
		// A join, not `organisation_id in (participants)`: with the semi-join PostgreSQL probed the
		// index once per city and KPI (7,920 probes, ~23,800 buffers); joined, it reads the period's
		// values per KPI from the covering index (~170 buffers) and hashes the participants.
		.innerJoin(
			fieldParticipants,
			and(
				eq(fieldParticipants.organisationId, measurements.organisationId),
				eq(fieldParticipants.fieldId, fieldId)
			)
		)
		.innerJoin(organisations, participantCities)
		.where(
			and(
				inArray(measurements.kpiId, fieldKpis),
				eq(measurements.year, period.year),
				period.kind === 'quarter' ? eq(measurements.quarter, period.quarter) : undefined,
				visibleValues(viewer),
				members ? inArray(measurements.organisationId, [...members]) : undefined
			)
		)
		.groupBy(measurements.organisationId, measurements.kpiId)
		.having(
			sql`bool_and(${measurements.state} = 'released') and min(${measurements.kpiVersionId}) = max(${measurements.kpiVersionId})`
		)
		.as('cell');
	return db
		.select({
			version: sql<number>`${cell.version}`.as('stat_version'),
			median: sql<number>`percentile_cont(0.5) within group (order by ${cell.figure})`
				.mapWith(Number)
				.as('stat_median'),
			count: sql<number>`count(*)::int`.as('stat_count')
		})
		.from(cell)
		.where(sql`${cell.figure} is not null`)
		.groupBy(cell.version)
		.as('stat');
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
		.select({
			id: kpiVersions.id,
			kpiId: kpiVersions.kpiId,
			code: kpis.code,
			kpiSortOrder: kpis.sortOrder,
			...kpiDefinitionColumns,
			median: stat.median,
			statisticsCount: stat.count
		})
		.from(kpis)
		.innerJoin(kpiVersions, eq(kpiVersions.kpiId, kpis.id))
		.leftJoin(stat, eq(stat.version, kpiVersions.id))
		.where(
			and(eq(kpis.fieldId, fieldId), isNull(kpis.ownerOrganisationId), isNull(kpis.archivedAt))
		)
		.orderBy(
			asc(kpis.sortOrder),
			asc(kpis.code),
			asc(kpiVersions.validFromYear),
			asc(kpiVersions.validFromQuarter)
		);
	return rows.map((r) => ({ ...r, statisticsCount: r.statisticsCount ?? 0 }));
}

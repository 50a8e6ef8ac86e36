import { and, asc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/types';
import {
	cooperationFields,
	fieldParticipants,
	kpis,
	kpiVersions,
	measurements,
	objectives,
	organisations,
	perspectives,
	reportingPeriods,
	scorecardKpis,
	scorecards,
	targets
} from '../db/schema';
import { kpiDefinitionColumns } from '../catalogue/version-columns';
import type { Viewer } from '../auth/viewer';
import { visibleValues } from './visible';
import type { Quarter } from '../../domain/period/quarter';
import type { ComparisonPeriod } from '../../domain/compare/period';
import type { DefinitionRow } from '../../domain/compare/types';
import type { HeatmapCellRow } from '../../domain/compare/heatmap';

/** Reads shared by the heatmap and the trend view (field picker, KPI definitions). */

export interface FieldChoice {
	id: number;
	slug: string;
	nameDe: string;
	nameEn: string;
	/** The quarters the field has opened for reporting, oldest first. */
	quarters: Quarter[];
}

/** Every field with its reporting quarters: one read for the picker and the default period. */
export async function loadFieldChoices(db: DbOrTx): Promise<FieldChoice[]> {
	const rows = await db
		.select({
			id: cooperationFields.id,
			slug: cooperationFields.slug,
			nameDe: cooperationFields.nameDe,
			nameEn: cooperationFields.nameEn,
			year: reportingPeriods.year,
			quarter: reportingPeriods.quarter
		})
		.from(cooperationFields)
		.leftJoin(reportingPeriods, eq(reportingPeriods.fieldId, cooperationFields.id))
		.orderBy(
			asc(cooperationFields.sortOrder),
			asc(cooperationFields.nameDe),
			asc(reportingPeriods.year),
			asc(reportingPeriods.quarter)
		);
	const fields = new Map<number, FieldChoice>();
	for (const { year, quarter, ...field } of rows) {
		const entry = fields.get(field.id) ?? { ...field, quarters: [] };
		if (year !== null && quarter !== null) entry.quarters.push({ year, quarter });
		fields.set(field.id, entry);
	}
	return [...fields.values()];
}

/** The columns of one version of a shared KPI, as the heatmap, trend and comparison read it. */
export const sharedDefinitionColumns = {
	id: kpiVersions.id,
	kpiId: kpiVersions.kpiId,
	code: kpis.code,
	kpiSortOrder: kpis.sortOrder,
	...kpiDefinitionColumns
};

/** The field's shared (not city-owned), not archived KPIs; joined with their versions. */
export const sharedKpisOfField = (fieldId: number | SQL) =>
	and(eq(kpis.fieldId, fieldId), isNull(kpis.ownerOrganisationId), isNull(kpis.archivedAt));

/** Catalogue order, each KPI's versions oldest first. */
export const definitionOrder = [
	asc(kpis.sortOrder),
	asc(kpis.code),
	asc(kpiVersions.validFromYear),
	asc(kpiVersions.validFromQuarter)
];

/**
 * Every version of every shared, not archived KPI of the field, in catalogue order; local KPIs
 * never. The field may be a subquery, so the comparison can send this with its other reads.
 */
export function loadFieldDefinitions(db: DbOrTx, fieldId: number | SQL): Promise<DefinitionRow[]> {
	return db
		.select(sharedDefinitionColumns)
		.from(kpis)
		.innerJoin(kpiVersions, eq(kpiVersions.kpiId, kpis.id))
		.where(sharedKpisOfField(fieldId))
		.orderBy(...definitionOrder);
}

/** A value whose city takes part in the field: joins measurements to the field's participants. */
export const valueOfParticipant = (fieldId: number) =>
	and(
		eq(fieldParticipants.organisationId, measurements.organisationId),
		eq(fieldParticipants.fieldId, fieldId)
	);

/** The participating cities of a field, as a join both views start from. */
export const participantCities = and(
	eq(organisations.id, fieldParticipants.organisationId),
	ne(organisations.kind, 'association')
);

/**
 * The whole grid in one read: participating cities × shared KPIs of the field, each with its
 * visible values in the period (left join, so a city without a value still gets its row) and
 * the city's own target for the period's year. The period's values of the field's KPIs are
 * selected first (a bitmap scan of measurements_kpi_period_idx per KPI, heap pages in physical
 * order) and hash-joined to the grid: at NRW scale a quarter of 7,920 cells reads ~7,800 pages
 * instead of 7,920 probes of the unique index (~31,000). The visibility rule sits in that
 * selection, so another city's draft never leaves the database.
 */
export function loadHeatmapCells(
	db: DbOrTx,
	viewer: Viewer,
	fieldId: number,
	period: ComparisonPeriod,
	/** Only these cities (one page of the view); null for all. */
	cityIds: readonly number[] | null = null
): Promise<HeatmapCellRow[]> {
	const targetScorecard = alias(scorecards, 'target_scorecard');
	const cityTarget = db
		.select({
			organisationId: sql<number>`${targetScorecard.organisationId}`.as('target_organisation_id'),
			kpiId: sql<number>`${scorecardKpis.kpiId}`.as('target_kpi_id'),
			greenMin: sql<string | null>`${targets.greenMin}`.as('target_green_min'),
			greenMax: sql<string | null>`${targets.greenMax}`.as('target_green_max'),
			yellowMin: sql<string | null>`${targets.yellowMin}`.as('target_yellow_min'),
			yellowMax: sql<string | null>`${targets.yellowMax}`.as('target_yellow_max')
		})
		.from(targets)
		.innerJoin(scorecardKpis, eq(scorecardKpis.id, targets.scorecardKpiId))
		.innerJoin(objectives, eq(objectives.id, scorecardKpis.objectiveId))
		.innerJoin(perspectives, eq(perspectives.id, objectives.perspectiveId))
		.innerJoin(targetScorecard, eq(targetScorecard.id, perspectives.scorecardId))
		.where(
			and(
				eq(targetScorecard.fieldId, fieldId),
				eq(targets.year, period.year),
				isNull(scorecardKpis.archivedAt)
			)
		)
		.as('city_target');
	const fieldKpis = db
		.select({ id: kpis.id })
		.from(kpis)
		.where(
			and(eq(kpis.fieldId, fieldId), isNull(kpis.ownerOrganisationId), isNull(kpis.archivedAt))
		);
	const values = db
		.select({
			organisationId: sql<number>`${measurements.organisationId}`.as('value_organisation_id'),
			kpiId: sql<number>`${measurements.kpiId}`.as('value_kpi_id'),
			year: measurements.year,
			quarter: measurements.quarter,
			value: measurements.value,
			state: measurements.state,
			kpiVersionId: measurements.kpiVersionId,
			comment: measurements.comment
		})
		.from(measurements)
		.where(
			and(
				inArray(measurements.kpiId, fieldKpis),
				eq(measurements.year, period.year),
				period.kind === 'quarter' ? eq(measurements.quarter, period.quarter) : undefined,
				visibleValues(viewer),
				cityIds ? inArray(measurements.organisationId, [...cityIds]) : undefined
			)
		)
		.as('period_values');
	return db
		.select({
			organisationId: organisations.id,
			citySlug: organisations.slug,
			cityName: organisations.name,
			kpiId: kpis.id,
			year: values.year,
			quarter: values.quarter,
			value: values.value,
			state: values.state,
			kpiVersionId: values.kpiVersionId,
			hasComment: sql<boolean | null>`${values.comment} <> ''`.mapWith((v: unknown) =>
				v === null ? null : v === true || v === 't'
			),
			targetGreenMin: cityTarget.greenMin,
			targetGreenMax: cityTarget.greenMax,
			targetYellowMin: cityTarget.yellowMin,
			targetYellowMax: cityTarget.yellowMax
		})
		.from(fieldParticipants)
		.innerJoin(organisations, participantCities)
		.innerJoin(
			kpis,
			and(
				eq(kpis.fieldId, fieldParticipants.fieldId),
				isNull(kpis.ownerOrganisationId),
				isNull(kpis.archivedAt)
			)
		)
		.leftJoin(values, and(eq(values.organisationId, organisations.id), eq(values.kpiId, kpis.id)))
		.leftJoin(
			cityTarget,
			and(eq(cityTarget.organisationId, organisations.id), eq(cityTarget.kpiId, kpis.id))
		)
		.where(
			and(
				eq(fieldParticipants.fieldId, fieldId),
				cityIds ? inArray(organisations.id, [...cityIds]) : undefined
			)
		)
		.orderBy(asc(organisations.name), asc(organisations.id), asc(kpis.id), asc(values.quarter));
}

/** The grid's rows without their cells: every participating city, in the grid's order. */
export function loadHeatmapCities(
	db: DbOrTx,
	fieldId: number
): Promise<{ organisationId: number; slug: string; name: string }[]> {
	return db
		.select({
			organisationId: organisations.id,
			slug: organisations.slug,
			name: organisations.name
		})
		.from(fieldParticipants)
		.innerJoin(organisations, participantCities)
		.where(eq(fieldParticipants.fieldId, fieldId))
		.orderBy(asc(organisations.name), asc(organisations.id));
}

import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import {
	cooperationFields,
	kpis,
	kpiVersions,
	measurements,
	objectives,
	organisations,
	perspectives,
	reportingPeriods,
	roleAssignments,
	scorecardKpis,
	scorecards,
	users
} from '../db/schema';
import type { DbOrTx } from '../db/types';
import { quarterIndex, type Quarter } from '../../domain/period/quarter';
import type { DrilldownRow } from '../../domain/completeness/drilldown';
import type { MatrixRow } from '../../domain/completeness/matrix';
import type { ReportingQuarter } from '../../domain/completeness/quarter-choice';

/**
 * The reads behind the completeness overview; shaping is in src/lib/domain/completeness.
 *
 * CONFIDENTIALITY: nothing here selects a value (measurements.value, caseCount, comment): only
 * whether a KPI has a measurement and its workflow state, or counts of those. The integration
 * test walks the results to keep it that way.
 *
 * Which KPIs a city reports in a field: the active KPIs (scorecard_kpis.archived_at null) of its
 * own scorecard for the field (the field template, organisation_id null, is not a city), each
 * once even if listed under two objectives, and only KPIs whose definition exists in the quarter
 * (a version valid from that quarter or earlier).
 */

/** A KPI whose definition exists in the quarter: some version valid from it or earlier. */
const definedIn = (kpiId: PgColumn, q: Quarter): SQL =>
	sql`exists (select 1 from ${kpiVersions} where ${kpiVersions.kpiId} = ${kpiId} and ${kpiVersions.validFromYear} * 4 + ${kpiVersions.validFromQuarter} - 1 <= ${quarterIndex(q)})`;

/** The quarter's measurement of the scorecard's city and KPI: one lookup in the unique index. */
const measurementOf = (q: Quarter) =>
	and(
		eq(measurements.organisationId, scorecards.organisationId),
		eq(measurements.kpiId, scorecardKpis.kpiId),
		eq(measurements.year, q.year),
		eq(measurements.quarter, q.quarter)
	);

/** The scorecard's active KPIs defined in the quarter. */
const activeKpiOf = (q: Quarter) =>
	and(
		eq(scorecardKpis.objectiveId, objectives.id),
		isNull(scorecardKpis.archivedAt),
		definedIn(scorecardKpis.kpiId, q)
	);

/**
 * The city × field matrix of a quarter in ONE statement, whatever the number of cities and
 * fields: the state counts per city scorecard (grouped in a subquery) joined to every field
 * with its reporting period.
 */
export function matrixRows(db: DbOrTx, quarter: Quarter): Promise<MatrixRow[]> {
	const kpi = scorecardKpis.kpiId;
	const countWhere = (condition: SQL) =>
		sql<number>`count(distinct ${kpi}) filter (where ${condition})`;
	const counts = db
		.select({
			scorecardId: sql<number>`${scorecards.id}`.as('scorecard_id'),
			kpis: sql<number>`count(distinct ${kpi})`.as('kpi_count'),
			missing: countWhere(sql`${measurements.id} is null`).as('missing_count'),
			draft: countWhere(sql`${measurements.state} = 'draft'`).as('draft_count'),
			submitted: countWhere(sql`${measurements.state} = 'submitted'`).as('submitted_count'),
			released: countWhere(sql`${measurements.state} = 'released'`).as('released_count')
		})
		.from(scorecards)
		.innerJoin(perspectives, eq(perspectives.scorecardId, scorecards.id))
		.innerJoin(objectives, eq(objectives.perspectiveId, perspectives.id))
		.innerJoin(scorecardKpis, activeKpiOf(quarter))
		.leftJoin(measurements, measurementOf(quarter))
		.where(isNotNull(scorecards.organisationId))
		.groupBy(scorecards.id)
		.as('counts');

	return db
		.select({
			fieldId: cooperationFields.id,
			fieldSlug: cooperationFields.slug,
			fieldNameDe: cooperationFields.nameDe,
			fieldNameEn: cooperationFields.nameEn,
			periodExists: sql<boolean>`${reportingPeriods.fieldId} is not null`,
			deadline: reportingPeriods.deadline,
			closedAt: reportingPeriods.closedAt,
			organisationId: organisations.id,
			organisationSlug: organisations.slug,
			organisationName: organisations.name,
			kpis: counts.kpis,
			missing: counts.missing,
			draft: counts.draft,
			submitted: counts.submitted,
			released: counts.released
		})
		.from(cooperationFields)
		.leftJoin(
			reportingPeriods,
			and(
				eq(reportingPeriods.fieldId, cooperationFields.id),
				eq(reportingPeriods.year, quarter.year),
				eq(reportingPeriods.quarter, quarter.quarter)
			)
		)
		.leftJoin(
			scorecards,
			and(eq(scorecards.fieldId, cooperationFields.id), isNotNull(scorecards.organisationId))
		)
		.leftJoin(organisations, eq(organisations.id, scorecards.organisationId))
		.leftJoin(counts, eq(counts.scorecardId, scorecards.id))
		.orderBy(asc(cooperationFields.sortOrder), asc(cooperationFields.id));
}

/**
 * Cities × KPIs of one field (or one city of it) with each KPI's state, in one statement; the
 * KPI name is the version valid in the quarter.
 */
export function drilldownRows(
	db: DbOrTx,
	fieldId: number,
	quarter: Quarter,
	organisationId: number | null = null
): Promise<DrilldownRow[]> {
	const index = quarterIndex(quarter);
	const nameAt = (column: PgColumn) =>
		sql<
			string | null
		>`(select ${column} from ${kpiVersions} where ${kpiVersions.kpiId} = ${kpis.id} and ${kpiVersions.validFromYear} * 4 + ${kpiVersions.validFromQuarter} - 1 <= ${index} order by ${kpiVersions.validFromYear} desc, ${kpiVersions.validFromQuarter} desc limit 1)`;
	return db
		.select({
			organisationId: organisations.id,
			organisationSlug: organisations.slug,
			organisationName: organisations.name,
			kpiId: kpis.id,
			code: kpis.code,
			local: sql<boolean>`coalesce(${kpis.ownerOrganisationId} is not null, false)`,
			nameDe: nameAt(kpiVersions.nameDe),
			nameEn: nameAt(kpiVersions.nameEn),
			state: measurements.state
		})
		.from(scorecards)
		.innerJoin(organisations, eq(organisations.id, scorecards.organisationId))
		.leftJoin(perspectives, eq(perspectives.scorecardId, scorecards.id))
		.leftJoin(objectives, eq(objectives.perspectiveId, perspectives.id))
		.leftJoin(scorecardKpis, activeKpiOf(quarter))
		.leftJoin(kpis, eq(kpis.id, scorecardKpis.kpiId))
		.leftJoin(measurements, measurementOf(quarter))
		.where(
			and(
				eq(scorecards.fieldId, fieldId),
				organisationId === null
					? isNotNull(scorecards.organisationId)
					: eq(scorecards.organisationId, organisationId)
			)
		)
		.orderBy(asc(kpis.ownerOrganisationId), asc(kpis.sortOrder), asc(kpis.code));
}

/** Every quarter that has a reporting period in some field, newest first. */
export async function reportingQuarters(db: DbOrTx): Promise<ReportingQuarter[]> {
	const rows = await db
		.select({
			year: reportingPeriods.year,
			quarter: reportingPeriods.quarter,
			open: sql<boolean>`bool_or(${reportingPeriods.closedAt} is null)`
		})
		.from(reportingPeriods)
		.groupBy(reportingPeriods.year, reportingPeriods.quarter)
		.orderBy(desc(reportingPeriods.year), desc(reportingPeriods.quarter));
	return rows.map((r) => ({ year: r.year, quarter: r.quarter, open: Boolean(r.open) }));
}

/** The organisations' own contact address and their active controllers' addresses. */
export async function contactRows(
	db: DbOrTx,
	organisationIds: readonly number[]
): Promise<
	{ organisationId: number; contactEmail: string | null; controllerEmail: string | null }[]
> {
	if (organisationIds.length === 0) return [];
	return db
		.select({
			organisationId: organisations.id,
			contactEmail: organisations.contactEmail,
			controllerEmail: users.email
		})
		.from(organisations)
		.leftJoin(
			roleAssignments,
			and(
				eq(roleAssignments.organisationId, organisations.id),
				eq(roleAssignments.role, 'controller')
			)
		)
		.leftJoin(users, and(eq(users.id, roleAssignments.userId), eq(users.active, true)))
		.where(inArray(organisations.id, [...organisationIds]));
}

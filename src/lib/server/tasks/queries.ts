import { and, asc, count, eq, gt, inArray, min, notInArray, sql } from 'drizzle-orm';
import {
	cooperationFields,
	kpis,
	measurements,
	organisations,
	pilotGates,
	pilots,
	users
} from '../db/schema';
import type { DbOrTx } from '../db/types';
import { pilotGateCriterion } from '../db/schema/enums';
import { afterLook } from '../../domain/tasks/visit';

/**
 * The reads behind "Meine Aufgaben" that the completeness matrix does not give: counts and dates
 * only, one statement each, never a value.
 */

/** Submitted values waiting for release in the given cities, per city and field, oldest first. */
export function submittedPerField(db: DbOrTx, organisationIds: readonly number[]) {
	if (organisationIds.length === 0) return Promise.resolve([]);
	const oldest = min(measurements.submittedAt);
	return db
		.select({
			citySlug: organisations.slug,
			cityName: organisations.name,
			fieldSlug: cooperationFields.slug,
			fieldNameDe: cooperationFields.nameDe,
			fieldNameEn: cooperationFields.nameEn,
			count: count(),
			oldestSubmittedAt: oldest
		})
		.from(measurements)
		.innerJoin(kpis, eq(kpis.id, measurements.kpiId))
		.innerJoin(cooperationFields, eq(cooperationFields.id, kpis.fieldId))
		.innerJoin(organisations, eq(organisations.id, measurements.organisationId))
		.where(
			and(
				inArray(measurements.organisationId, [...organisationIds]),
				eq(measurements.state, 'submitted')
			)
		)
		.groupBy(organisations.id, cooperationFields.id)
		.orderBy(asc(oldest));
}

/** Values of the given cities released after the moment (all of them without one), per field. */
export function releasedSince(db: DbOrTx, organisationIds: readonly number[], since: Date | null) {
	if (organisationIds.length === 0) return Promise.resolve([]);
	return db
		.select({
			citySlug: organisations.slug,
			cityName: organisations.name,
			fieldSlug: cooperationFields.slug,
			fieldNameDe: cooperationFields.nameDe,
			fieldNameEn: cooperationFields.nameEn,
			count: count()
		})
		.from(measurements)
		.innerJoin(kpis, eq(kpis.id, measurements.kpiId))
		.innerJoin(cooperationFields, eq(cooperationFields.id, kpis.fieldId))
		.innerJoin(organisations, eq(organisations.id, measurements.organisationId))
		.where(
			and(
				inArray(measurements.organisationId, [...organisationIds]),
				eq(measurements.state, 'released'),
				since ? gt(measurements.releasedAt, since) : undefined
			)
		)
		.groupBy(organisations.id, cooperationFields.id, cooperationFields.sortOrder)
		.orderBy(asc(cooperationFields.sortOrder), asc(organisations.name));
}

const criteriaCount = pilotGateCriterion.enumValues.length;

/**
 * Pilots of the given fields still before their start (idea, planned) with at least one of the
 * five criteria not yet decided by the working group: they wait for a gate decision.
 */
export function pilotsAwaitingGate(db: DbOrTx, fieldIds: readonly number[]) {
	if (fieldIds.length === 0) return Promise.resolve([]);
	const decided = sql<number>`(select count(distinct ${pilotGates.criterion}) from ${pilotGates} where ${pilotGates.pilotId} = ${pilots.id})`;
	return db
		.select({
			id: pilots.id,
			title: pilots.title,
			fieldSlug: cooperationFields.slug,
			fieldNameDe: cooperationFields.nameDe,
			fieldNameEn: cooperationFields.nameEn,
			decided
		})
		.from(pilots)
		.innerJoin(cooperationFields, eq(cooperationFields.id, pilots.fieldId))
		.where(
			and(
				inArray(pilots.fieldId, [...fieldIds]),
				notInArray(pilots.status, ['running', 'completed', 'stopped']),
				sql`${decided} < ${criteriaCount}`
			)
		)
		.orderBy(asc(cooperationFields.sortOrder), asc(pilots.title));
}

/**
 * Records a look at the tasks at `now` and returns where "released since your last visit"
 * starts (null: the first visit). Two statements: the marks are read, the visit rule
 * (domain/tasks/visit.ts) decides, the new marks are written.
 */
export async function recordTasksVisit(db: DbOrTx, userId: number, now: Date) {
	const [row] = await db
		.select({ seenAt: users.tasksSeenAt, previousVisitAt: users.tasksPreviousVisitAt })
		.from(users)
		.where(eq(users.id, userId));
	const marks = afterLook(row ?? { seenAt: null, previousVisitAt: null }, now);
	await db
		.update(users)
		.set({ tasksSeenAt: marks.seenAt, tasksPreviousVisitAt: marks.previousVisitAt })
		.where(eq(users.id, userId));
	return marks.previousVisitAt;
}

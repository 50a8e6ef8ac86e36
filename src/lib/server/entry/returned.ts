import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { cooperationFields, kpis, measurements, organisations } from '../db/schema';
import type { DbOrTx } from '../db/types';
import { can } from '../auth/permissions';
import type { Viewer } from '../auth/viewer';
import type { Quarter } from '../../domain/period/quarter';

/** A value the approver returned to the controller, with the reason, for the grid and the tasks. */
export interface ReturnedValue {
	citySlug: string;
	cityName: string;
	fieldSlug: string;
	fieldNameDe: string;
	fieldNameEn: string;
	quarter: Quarter;
	kpiId: number;
	kpiCode: string;
	reason: string;
	returnedAt: Date | null;
}

/**
 * The returned values waiting for the viewer's correction: drafts with a return reason in the
 * cities where the viewer enters values (`measurement:write`), oldest return first. A returned
 * value stops being one when it is submitted again (the reason is cleared then). Nothing for
 * anyone else; `quarter` narrows to one quarter.
 */
export async function returnedValues(
	db: DbOrTx,
	viewer: Viewer,
	options: { quarter?: Quarter } = {}
): Promise<ReturnedValue[]> {
	if (viewer.kind !== 'user') return [];
	const cities = [
		...new Set(
			viewer.principal.roles.map((r) => r.organisationId).filter((id): id is number => id !== null)
		)
	].filter((organisationId) => can(viewer.principal, 'measurement:write', { organisationId }));
	if (cities.length === 0) return [];
	const { quarter } = options;
	const rows = await db
		.select({
			citySlug: organisations.slug,
			cityName: organisations.name,
			fieldSlug: cooperationFields.slug,
			fieldNameDe: cooperationFields.nameDe,
			fieldNameEn: cooperationFields.nameEn,
			year: measurements.year,
			quarter: measurements.quarter,
			kpiId: measurements.kpiId,
			kpiCode: kpis.code,
			reason: measurements.returnReason,
			returnedAt: measurements.returnedAt
		})
		.from(measurements)
		.innerJoin(organisations, eq(organisations.id, measurements.organisationId))
		.innerJoin(kpis, eq(kpis.id, measurements.kpiId))
		.innerJoin(cooperationFields, eq(cooperationFields.id, kpis.fieldId))
		.where(
			and(
				inArray(measurements.organisationId, cities),
				eq(measurements.state, 'draft'),
				isNotNull(measurements.returnReason),
				quarter ? eq(measurements.year, quarter.year) : undefined,
				quarter ? eq(measurements.quarter, quarter.quarter) : undefined
			)
		)
		.orderBy(asc(measurements.returnedAt), asc(kpis.code));
	return rows.map(({ year, quarter: q, reason, ...r }) => ({
		...r,
		quarter: { year, quarter: q as Quarter['quarter'] },
		reason: reason ?? ''
	}));
}

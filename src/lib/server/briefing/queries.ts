import { and, asc, eq, gte, lte, max, sql, type Column } from 'drizzle-orm';
import { kpis, measurements, valueFactors } from '../db/schema';
import type { DbOrTx } from '../db/types';
import type { Viewer } from '../auth/viewer';
import { visibleValues } from '../compare/visible';
import { quarterIndex, type Quarter } from '../../domain/period/quarter';
import type { FactorKind } from '../../domain/exchange/kinds';

/** year * 4 + quarter − 1 in SQL, to compare quarters as one number (as `quarterIndex`). */
const indexOf = (year: Column, quarter: Column) => sql<number>`(${year} * 4 + ${quarter} - 1)`;

/**
 * The newest change to any of the city's values the viewer may see, up to the quarter: the
 * briefing's "Stand der Daten". Same visibility rule as every other cross-city read.
 */
export async function dataAsOf(
	db: DbOrTx,
	viewer: Viewer,
	organisationId: number,
	until: Quarter
): Promise<Date | null> {
	const [row] = await db
		.select({ at: max(measurements.updatedAt) })
		.from(measurements)
		.where(
			and(
				eq(measurements.organisationId, organisationId),
				lte(indexOf(measurements.year, measurements.quarter), quarterIndex(until)),
				visibleValues(viewer)
			)
		);
	return row?.at ? new Date(row.at) : null;
}

export interface CityFactorRow {
	kpiId: number;
	code: string;
	year: number;
	quarter: number;
	kind: FactorKind;
	explanation: string;
	estimatedEffect: string;
}

/**
 * Influencing factors recorded on the city's values of the quarters `from`..`until`, only on
 * values the viewer may see (a factor is seen exactly when its value is, decision 0014).
 */
export function cityFactors(
	db: DbOrTx,
	viewer: Viewer,
	organisationId: number,
	from: Quarter,
	until: Quarter
): Promise<CityFactorRow[]> {
	const at = indexOf(valueFactors.year, valueFactors.quarter);
	return db
		.select({
			kpiId: valueFactors.kpiId,
			code: kpis.code,
			year: valueFactors.year,
			quarter: valueFactors.quarter,
			kind: valueFactors.kind,
			explanation: valueFactors.explanation,
			estimatedEffect: valueFactors.estimatedEffect
		})
		.from(valueFactors)
		.innerJoin(kpis, eq(kpis.id, valueFactors.kpiId))
		.innerJoin(
			measurements,
			and(
				eq(measurements.organisationId, valueFactors.organisationId),
				eq(measurements.kpiId, valueFactors.kpiId),
				eq(measurements.year, valueFactors.year),
				eq(measurements.quarter, valueFactors.quarter)
			)
		)
		.where(
			and(
				eq(valueFactors.organisationId, organisationId),
				gte(at, quarterIndex(from)),
				lte(at, quarterIndex(until)),
				visibleValues(viewer)
			)
		)
		.orderBy(
			asc(valueFactors.year),
			asc(valueFactors.quarter),
			asc(kpis.code),
			asc(valueFactors.id)
		);
}

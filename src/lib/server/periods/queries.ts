import { and, desc, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { reportingPeriods, users } from '../db/schema';
import type { DbOrTx } from '../db/types';
import type { Quarter } from '../../domain/period/quarter';
import { periodStamp } from '../../domain/period/reporting-period';
import type { PeriodRow } from '../../types/periods';

export type { PeriodRow };

/** "2026-3": the quarter in audit entries (addresses write `quarterParam`, 2026-Q3). */
export const quarterKey = ({ year, quarter }: Quarter) => `${year}-${quarter}`;

export const byQuarter = (fieldId: number, q: Quarter) =>
	and(
		eq(reportingPeriods.fieldId, fieldId),
		eq(reportingPeriods.year, q.year),
		eq(reportingPeriods.quarter, q.quarter)
	);

async function selectPeriods(db: DbOrTx, where: SQL | undefined): Promise<PeriodRow[]> {
	const opener = alias(users, 'opener');
	const closer = alias(users, 'closer');
	const rows = await db
		.select({
			fieldId: reportingPeriods.fieldId,
			year: reportingPeriods.year,
			quarter: reportingPeriods.quarter,
			deadline: reportingPeriods.deadline,
			openedAt: reportingPeriods.openedAt,
			openedByName: opener.displayName,
			closedAt: reportingPeriods.closedAt,
			closedByName: closer.displayName
		})
		.from(reportingPeriods)
		.leftJoin(opener, eq(opener.id, reportingPeriods.openedBy))
		.leftJoin(closer, eq(closer.id, reportingPeriods.closedBy))
		.where(where)
		.orderBy(desc(reportingPeriods.year), desc(reportingPeriods.quarter));
	return rows.map((r) => ({
		...r,
		state: r.closedAt ? ('closed' as const) : ('open' as const),
		stamp: periodStamp(r)
	}));
}

/** Every quarter of the field, newest first, with who opened and closed it: one statement. */
export const listPeriods = (db: DbOrTx, fieldId: number): Promise<PeriodRow[]> =>
	selectPeriods(db, eq(reportingPeriods.fieldId, fieldId));

/** One quarter of the field, or null when it was never opened. */
export async function findPeriod(
	db: DbOrTx,
	fieldId: number,
	q: Quarter
): Promise<PeriodRow | null> {
	const [row] = await selectPeriods(db, byQuarter(fieldId, q));
	return row ?? null;
}

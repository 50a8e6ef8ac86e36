import { desc, eq } from 'drizzle-orm';
import { reportingPeriods } from '../db/schema';
import type { DbOrTx } from '../db/types';
import type { Quarter } from '../../domain/period/quarter';

/** The field's reporting quarters, newest first: the choices for template and export. */
export function fieldQuarters(db: DbOrTx, fieldId: number): Promise<Quarter[]> {
	return db
		.select({ year: reportingPeriods.year, quarter: reportingPeriods.quarter })
		.from(reportingPeriods)
		.where(eq(reportingPeriods.fieldId, fieldId))
		.orderBy(desc(reportingPeriods.year), desc(reportingPeriods.quarter))
		.limit(40);
}

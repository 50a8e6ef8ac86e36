import { reportingPeriods } from '../../src/lib/server/db/schema';
import type { DbOrTx } from '../../src/lib/server/db/types';

/**
 * A reporting quarter of a field: open unless `closedAt` is given; the deadline defaults to the
 * last day of the second month after the quarter (Q3/2026 → 2026-11-30), the ring's rhythm.
 */
export async function createPeriod(
	db: DbOrTx,
	fields: {
		fieldId: number;
		year: number;
		quarter: number;
		deadline?: string;
		openedBy?: number;
		closedAt?: Date;
	}
) {
	const [row] = await db
		.insert(reportingPeriods)
		.values({ deadline: deadlineAfter(fields), ...fields })
		.returning();
	return row!;
}

function deadlineAfter({ year, quarter }: { year: number; quarter: number }): string {
	const end = new Date(Date.UTC(year, quarter * 3 + 2, 0));
	return end.toISOString().slice(0, 10);
}

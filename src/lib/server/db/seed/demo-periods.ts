import { reportingPeriods } from '../schema';
import type { Tx } from '../types';
import { DEMO_OPEN_QUARTER, DEMO_QUARTERS, releasedAtFor } from './demo-values';
import type { ReferenceIds } from './util';

/** The demo's open quarter is due at the end of November, like the ring's real rhythm. */
export const DEMO_OPEN_DEADLINE = '2026-11-30';

/**
 * Reporting quarters of every field: the demo's past quarters closed when they were released,
 * the newest one open with a deadline, so entry and completeness have something to show.
 */
export async function seedDemoPeriods(tx: Tx, ids: ReferenceIds) {
	const rows = [...ids.fields.values()].flatMap((fieldId) =>
		DEMO_QUARTERS.map((q) => {
			const open = q.year === DEMO_OPEN_QUARTER.year && q.quarter === DEMO_OPEN_QUARTER.quarter;
			const closedAt = open ? null : releasedAtFor(q);
			return {
				fieldId,
				year: q.year,
				quarter: q.quarter,
				deadline: open ? DEMO_OPEN_DEADLINE : deadlineAfter(q),
				// Opened when the quarter began (not when the demo was seeded), closed at release.
				openedAt: new Date(Date.UTC(q.year, (q.quarter - 1) * 3, 1, 8, 0, 0)),
				closedAt
			};
		})
	);
	await tx.insert(reportingPeriods).values(rows).onConflictDoNothing();
}

/** Two months after the quarter ends, as ISO date. */
function deadlineAfter(q: { year: number; quarter: number }): string {
	const month = q.quarter * 3 + 2; // 1-based month two months after the quarter's last month
	const year = q.year + (month > 12 ? 1 : 0);
	const m = ((month - 1) % 12) + 1;
	const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
	return `${year}-${String(m).padStart(2, '0')}-${last}`;
}

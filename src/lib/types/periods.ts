/**
 * Reporting periods as the periods page shows them (read by `server/periods/queries.ts`).
 */
import type { PeriodState } from '../domain/period/reporting-period';

/** One reporting quarter of a field, as the periods page shows it. */
export interface PeriodRow {
	fieldId: number;
	year: number;
	quarter: number;
	/** ISO date (YYYY-MM-DD): values are due by the end of this day. */
	deadline: string;
	state: Exclude<PeriodState, 'missing'>;
	/** When it was opened last (first opening or reopening), and by whom. */
	openedAt: Date;
	openedByName: string | null;
	closedAt: Date | null;
	closedByName: string | null;
	/** What the viewer saw; a change sends it back (see periodStamp). */
	stamp: string;
}

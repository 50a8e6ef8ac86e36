import { compareQuarters, lastCompletedQuarter, shiftQuarter, type Quarter } from './quarter';

/**
 * Rules of reporting quarters ("Berichtsquartale") per cooperation field, without the database:
 * which quarter may be opened, which deadline is acceptable, and the stamp that detects a
 * concurrent change.
 */

/** 'missing': the quarter was never opened for the field. */
export type PeriodState = 'open' | 'closed' | 'missing';

/** The quarter running on the given day (UTC). */
export const runningQuarter = (day: Date): Quarter => shiftQuarter(lastCompletedQuarter(day), 1);

/**
 * The latest quarter that may be opened on the given day: the one after the running quarter, so
 * a field lead can prepare the next quarter, but not open one years ahead by a typo.
 */
export const latestOpenableQuarter = (day: Date): Quarter => shiftQuarter(runningQuarter(day), 1);

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The quarter's first day as ISO date, e.g. 2026-07-01 for Q3/2026. */
export const quarterStartDate = ({ year, quarter }: Quarter): string =>
	isoDay(new Date(Date.UTC(year, (quarter - 1) * 3, 1)));

/** The quarter's last day as ISO date, e.g. 2026-09-30 for Q3/2026. */
export const quarterEndDate = ({ year, quarter }: Quarter): string =>
	isoDay(new Date(Date.UTC(year, quarter * 3, 0)));

/** The suggested deadline: the last day of the second month after the quarter (the ring's rhythm). */
export const suggestedDeadline = ({ year, quarter }: Quarter): string =>
	isoDay(new Date(Date.UTC(year, quarter * 3 + 2, 0)));

/**
 * The quarter the open form suggests: the one after the field's newest quarter, but no later than
 * allowed; without any quarter yet, the last completed one (the one cities report on now).
 */
export function suggestedQuarter(periods: readonly Quarter[], day: Date): Quarter {
	const newest = periods.reduce<Quarter | null>(
		(a, p) => (a === null || compareQuarters(p, a) > 0 ? { year: p.year, quarter: p.quarter } : a),
		null
	);
	const latest = latestOpenableQuarter(day);
	if (!newest) return lastCompletedQuarter(day);
	const next = shiftQuarter(newest, 1);
	return compareQuarters(next, latest) > 0 ? latest : next;
}

/**
 * A deadline before the quarter's last day is refused: a quarter's figures exist only after it
 * has ended. A deadline in the past is allowed (a quarter opened late, or reopened for a
 * correction): the deadline informs, entry ends only when the quarter is closed.
 */
export const deadlineProblem = (q: Quarter, deadline: string): 'deadline_before_end' | null =>
	deadline < quarterEndDate(q) ? 'deadline_before_end' : null;

/** Why a quarter may not be opened with the deadline on the given day; null: it may. */
export function openProblem(
	q: Quarter,
	deadline: string,
	day: Date
): 'too_far_ahead' | 'deadline_before_end' | null {
	if (compareQuarters(q, latestOpenableQuarter(day)) > 0) return 'too_far_ahead';
	return deadlineProblem(q, deadline);
}

/**
 * What a person saw of a quarter, sent back with every change: if it differs from the stored row,
 * someone else changed the quarter meanwhile and the change is refused (optimistic locking). Every
 * change alters it: opening and reopening set openedAt, closing sets closedAt, a new deadline
 * changes the deadline.
 */
export const periodStamp = (p: { deadline: string; openedAt: Date; closedAt: Date | null }) =>
	`${p.deadline}|${p.openedAt.getTime()}|${p.closedAt ? p.closedAt.getTime() : '-'}`;

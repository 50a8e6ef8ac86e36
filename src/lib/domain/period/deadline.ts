/**
 * Deadlines are calendar dates in the cities' time zone, so "today" is the date in Europe/Berlin,
 * not in UTC: at 00:30 on 1 December in Cologne the 30 November deadline has already passed.
 * The one place for this rule: mail notices, the entry page, the completeness matrix, the field
 * page and the tasks all ask here.
 */

const berlinDay = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/Berlin',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** The calendar date in Europe/Berlin at the given moment, as ISO date (2026-11-30). */
export const berlinDate = (moment: Date): string => berlinDay.format(moment);

const berlinClock = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/Berlin',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/**
 * The instant a calendar day begins in Europe/Berlin (00:00 German time), e.g. where an audit
 * filter "from 30.11.2026" starts: 2026-11-29T23:00:00Z in winter, 22:00Z in summer.
 */
export function berlinMidnight(isoDate: string): Date {
	const utc = new Date(`${isoDate}T00:00:00Z`);
	const parts = berlinClock.formatToParts(utc);
	const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
	const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
	// Berlin is ahead of UTC, so its local time at UTC midnight equals the offset.
	return new Date(utc.getTime() - (hour * 60 + minute) * 60_000);
}

const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;

/** Whole days from `from` to `to` (both ISO dates); negative when `to` lies before `from`. */
export const daysFromTo = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/**
 * Where a deadline stands today: 'due' with the days left (0 on the deadline day itself, which
 * still counts as in time), 'overdue' with the days since it passed (1 on the day after).
 */
export type DeadlineStanding =
	| { kind: 'due'; deadline: string; daysLeft: number }
	| { kind: 'overdue'; deadline: string; daysOverdue: number };

export function deadlineStanding(deadline: string, today: string): DeadlineStanding {
	const daysLeft = daysFromTo(today, deadline);
	return daysLeft < 0
		? { kind: 'overdue', deadline, daysOverdue: -daysLeft }
		: { kind: 'due', deadline, daysLeft };
}

/** The standing at a moment, the date taken in Europe/Berlin. */
export const deadlineStandingAt = (deadline: string, moment: Date): DeadlineStanding =>
	deadlineStanding(deadline, berlinDate(moment));

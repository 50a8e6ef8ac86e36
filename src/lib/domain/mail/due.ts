/**
 * When a city's quarter calls for a reminder or an overdue notice, and how long a failed mail
 * waits before its next try. Deadlines are calendar dates in the cities' time zone, so "today"
 * is the date in Europe/Berlin, not in UTC (a mail sent at 00:30 on 1 December in Cologne
 * already counts the 30 November deadline as passed).
 */

const berlinDay = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/Berlin',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** The calendar date in Europe/Berlin at the given moment, as ISO date (2026-11-30). */
export const berlinDate = (moment: Date): string => berlinDay.format(moment);

const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;

/** Whole days from `from` to `to` (both ISO dates); negative when `to` lies before `from`. */
export const daysFromTo = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

export type DueNotice = 'reminder' | 'overdue';

export interface QuarterSituation {
	/** The quarter's deadline (ISO date, Europe/Berlin). */
	deadline: string;
	/** The field's setting: remind this many days before the deadline (0: on the day itself). */
	reminderDaysBefore: number;
	/** The quarter was closed: nothing can be entered any more, nobody is chased. */
	closed: boolean;
	/** Every KPI at least submitted (isDelivered): the city owes nothing. */
	delivered: boolean;
}

/**
 * The notice a city's quarter calls for today: an overdue notice once the deadline has passed,
 * a reminder from N days before it up to the deadline day; nothing when the city has delivered
 * or the quarter is closed. The outbox sends each notice once per deadline (its key names the
 * deadline), so the rule may answer the same for many days in a row.
 */
export function dueNotice(situation: QuarterSituation, today: string): DueNotice | null {
	if (situation.closed || situation.delivered) return null;
	const daysLeft = daysFromTo(today, situation.deadline);
	if (daysLeft < 0) return 'overdue';
	return daysLeft <= situation.reminderDaysBefore ? 'reminder' : null;
}

/** A failed mail is tried again after 1, 2, 4 … minutes, at most 6 hours apart. */
export const retryDelayMs = (attempts: number): number =>
	Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);

/** After this many failed tries a mail is given up (and stays visible with its last error). */
export const MAX_ATTEMPTS = 8;

/**
 * When a city's quarter calls for a reminder or an overdue notice, and how long a failed mail
 * waits before its next try. What "today" and "days left" mean is period/deadline.ts.
 */

import { daysFromTo } from '../period/deadline';

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

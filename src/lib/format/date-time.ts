/**
 * Dates and moments as people in NRW read them: 30.09.2026 and 30.09.2026, 14:05 in German,
 * 30 Sept 2026 and 30 Sept 2026, 14:05 in English. Every page, mail and file asks here, so one
 * kind of value reads the same everywhere (a deadline is 30.11.2026 in the app and in the mail).
 *
 * Two kinds of input, two time zones, on purpose:
 * - a calendar date (ISO "2026-09-30": deadline, reference date, decision day) has no time of day;
 *   it is formatted in UTC, where its midnight lies, so no zone can move it to the day before;
 * - a moment (Date: note written, login, session) is shown in German local time, Europe/Berlin,
 *   so the server and the browser render the same text wherever they run.
 */
import { dateFormatter } from './intl';
import type { AppLocale } from './intl';

const BERLIN = 'Europe/Berlin';

const at = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

/** A calendar date: "30.09.2026", "30 Sept 2026". */
export const formatDate = (isoDate: string, locale: AppLocale): string =>
	dateFormatter(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(at(isoDate));

/**
 * A calendar date written out, for a document's own date in running text ("Diese Erklärung wurde
 * am 24. November 2026 erstellt"): "24. November 2026", "24 November 2026".
 */
export const formatDateLong = (isoDate: string, locale: AppLocale): string =>
	dateFormatter(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(at(isoDate));

/** The day of a moment in German local time: "30.09.2026" (an archiving at 00:30 is that day). */
export const formatDay = (moment: Date, locale: AppLocale): string =>
	dateFormatter(locale, { dateStyle: 'medium', timeZone: BERLIN }).format(moment);

/** A moment to the minute, German local time: "01.07.2026, 12:05", "1 Jul 2026, 12:05". */
export const formatDateTime = (moment: Date, locale: AppLocale): string =>
	dateFormatter(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: BERLIN }).format(
		moment
	);

/**
 * A moment to the second, German local time: "01.07.2026, 12:05:09". For the audit log, where
 * entries of the same minute must still read in their order.
 */
export const formatDateTimeSeconds = (moment: Date, locale: AppLocale): string =>
	dateFormatter(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: BERLIN }).format(
		moment
	);

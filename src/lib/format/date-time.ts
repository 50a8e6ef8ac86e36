import type { AppLocale } from './number';

const intlLocale: Record<AppLocale, string> = { de: 'de-DE', en: 'en-GB' };

/**
 * A moment (note written, factor recorded) as people in NRW read it: German local time, date and
 * minute. The time zone is fixed so the server and the browser render the same text.
 */
export function formatDateTime(moment: Date, locale: AppLocale): string {
	return new Intl.DateTimeFormat(intlLocale[locale], {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'Europe/Berlin'
	}).format(moment);
}

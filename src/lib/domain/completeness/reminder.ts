import type { Quarter } from '../period/quarter';
import { formatDate } from '../../format/date-time';
import type { StateCounts } from './states';

/**
 * Whom to remind of a city's missing figures, and the reminder mail as a mailto: link.
 * Addresses are chosen in the order of docs/decisions/0010: the organisation's own contact
 * address when one is on file, else the e-mail addresses of its active controllers (they enter
 * the figures), else nobody.
 */

export type ContactSource = 'organisation' | 'controllers' | 'none';

export interface CityContact {
	source: ContactSource;
	emails: string[];
}

export function chooseContact(
	contactEmail: string | null,
	controllerEmails: readonly string[]
): CityContact {
	const organisation = contactEmail?.trim();
	if (organisation) return { source: 'organisation', emails: [organisation] };
	const controllers = [...new Set(controllerEmails.map((e) => e.trim()).filter(Boolean))].sort();
	return controllers.length
		? { source: 'controllers', emails: controllers }
		: { source: 'none', emails: [] };
}

/** What a reminder names per field. */
export interface OwedField extends StateCounts {
	fieldNameDe: string;
	deadline: string | null;
}

const germanDate = (isoDate: string) => formatDate(isoDate, 'de');

/** "2 fehlen, 1 Entwurf von 5 Kennzahlen": what is still owed, in German for the mail. */
export function owedGerman(row: StateCounts): string {
	const parts: string[] = [];
	if (row.missing) parts.push(`${row.missing} ${row.missing === 1 ? 'fehlt' : 'fehlen'}`);
	if (row.draft) parts.push(`${row.draft} ${row.draft === 1 ? 'Entwurf' : 'Entwürfe'}`);
	return `${parts.join(', ')} von ${row.kpis} Kennzahlen`;
}

/**
 * A reminder to a city's contacts about the fields it still owes for the quarter, as a mailto:
 * link (RFC 6068: addresses comma-separated, subject and body percent-encoded, CRLF line
 * breaks). Always in German, the ring's working language; null without an address.
 */
export function reminderMailto(
	city: string,
	emails: readonly string[],
	fields: readonly OwedField[],
	quarter: Quarter
): string | null {
	if (emails.length === 0 || fields.length === 0) return null;
	const label = `Q${quarter.quarter}/${quarter.year}`;
	const what =
		fields.length === 1 ? fields[0]!.fieldNameDe : `${fields.length} Kooperationsfeldern`;
	const subject = `IKZ-Scorecard: Werte ${label} für ${what} noch nicht vollständig (${city})`;
	const lines = [
		'Guten Tag,',
		'',
		`in der IKZ-Scorecard sind für ${city} im Quartal ${label} noch nicht alle Kennzahlen eingereicht:`,
		'',
		...fields.map(
			(f) =>
				`- ${f.fieldNameDe}: ${owedGerman(f)}${f.deadline ? `, Frist ${germanDate(f.deadline)}` : ''}`
		),
		'',
		'Bitte erfassen Sie die fehlenden Werte und reichen Sie sie bis zur Frist ein.',
		'',
		'Mit freundlichen Grüßen'
	];
	const to = emails.map((a) => encodeURIComponent(a).replace(/%40/g, '@')).join(',');
	return `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(lines.join('\r\n'))}`;
}

import { csvText } from '../tabular/csv-text';
import type { Quarter } from '../../domain/period/quarter';
import type { NotDeliveredRow } from '../../domain/completeness/owing';

/** Column headers in the reader's language, given by the route. */
export interface NotDeliveredCsvLabels {
	city: string;
	field: string;
	quarter: string;
	deadline: string;
	kpis: string;
	missing: string;
	draft: string;
	submitted: string;
	released: string;
	contacts: string;
}

export const csvColumns = [
	'city',
	'field',
	'quarter',
	'deadline',
	'kpis',
	'missing',
	'draft',
	'submitted',
	'released',
	'contacts'
] as const satisfies readonly (keyof NotDeliveredCsvLabels)[];

/**
 * The "not delivered" list as CSV the way German Excel opens it by double click: semicolons,
 * CRLF, UTF-8 with BOM. Dates stay ISO (YYYY-MM-DD), which Excel recognises in every locale;
 * states are counts only, never values.
 */
export function notDeliveredCsv(
	rows: readonly NotDeliveredRow[],
	quarter: Quarter,
	labels: NotDeliveredCsvLabels,
	fieldName: (row: NotDeliveredRow) => string,
	quarterText: (q: Quarter) => string
): string {
	const data = rows.map((r) => [
		r.city,
		fieldName(r),
		quarterText(quarter),
		r.deadline ?? '',
		r.kpis,
		r.missing,
		r.draft,
		r.submitted,
		r.released,
		r.contact.emails.join(', ')
	]);
	// Always semicolons: the list goes to coordinators who open it in German Excel.
	return csvText(
		csvColumns.map((c) => labels[c]),
		data,
		{ locale: 'de', delimiter: ';' }
	);
}

/** e.g. noch-nicht-geliefert-2026-Q3.csv */
export const notDeliveredFileName = (prefix: string, q: Quarter) =>
	`${prefix}-${q.year}-Q${q.quarter}.csv`;

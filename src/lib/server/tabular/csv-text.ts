/**
 * The one CSV writer of the app: CSV the way Excel opens it by double click. UTF-8 with BOM
 * (umlauts), CRLF, the delimiter of the user's Excel (German: semicolon, English: comma) unless
 * a file format fixes it, numbers without grouping and with the locale's decimal separator, text
 * that Excel would run as a formula behind an apostrophe (CSV injection); papaparse quotes.
 */
import Papa from 'papaparse';
import type { AppLocale } from '../../format/number';
import { guardFormula } from '../../domain/delivery/formula';

export type CsvCell = string | number | null;

/** Byte order mark: Excel reads the file as UTF-8 only with it. */
const BOM = '\uFEFF';

function csvCell(cell: CsvCell, locale: AppLocale): string {
	if (cell === null) return '';
	if (typeof cell === 'number') {
		const text = String(Number(cell.toPrecision(15)));
		return locale === 'de' ? text.replace('.', ',') : text;
	}
	return guardFormula(cell);
}

export function csvText(
	headers: readonly string[],
	rows: readonly (readonly CsvCell[])[],
	options: { locale: AppLocale; delimiter?: ';' | ',' }
): string {
	const { locale } = options;
	const delimiter = options.delimiter ?? (locale === 'de' ? ';' : ',');
	const data = rows.map((r) => r.map((c) => csvCell(c, locale)));
	return `${BOM}${Papa.unparse({ fields: [...headers], data }, { delimiter, newline: '\r\n' })}\r\n`;
}

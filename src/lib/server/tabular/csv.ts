/**
 * CSV as Excel writes it: German Excel uses the semicolon (the comma is the decimal separator),
 * English Excel the comma, "Unicode-Text" the tab. The delimiter is taken from the header row,
 * where it is the most frequent of the three; papaparse does the quoting.
 */
import Papa from 'papaparse';
import type { AppLocale } from '../../format/number';
import { isBlank, type Table } from '../../domain/delivery/table';

export type Delimiter = ';' | ',' | '\t';

export type CsvResult =
	| { ok: true; table: Table; delimiter: Delimiter }
	| { ok: false; problem: 'csv_malformed'; line: number }
	| { ok: false; problem: 'empty' };

function delimiterOf(firstLine: string): Delimiter {
	const count = (d: string) => firstLine.split(d).length - 1;
	const candidates: Delimiter[] = [';', '\t', ','];
	let best: Delimiter = ';';
	for (const d of candidates) if (count(d) > count(best)) best = d;
	return best;
}

/** The number format that goes with the delimiter (a tab says nothing: the user's locale). */
export function numberLocaleFor(delimiter: Delimiter, userLocale: AppLocale): AppLocale {
	if (delimiter === ';') return 'de';
	if (delimiter === ',') return 'en';
	return userLocale;
}

export function parseCsv(text: string): CsvResult {
	const firstLine = text.slice(0, text.search(/\r?\n|$/));
	if (text.trim() === '') return { ok: false, problem: 'empty' };
	const delimiter = delimiterOf(firstLine);
	const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
	const broken = parsed.errors.find((e) => e.type === 'Quotes');
	if (broken) return { ok: false, problem: 'csv_malformed', line: (broken.row ?? 0) + 1 };
	const [header = [], ...records] = parsed.data;
	const rows = records
		.map((cells, i) => ({ line: i + 2, cells }))
		.filter((r) => r.cells.some((c) => !isBlank(c)));
	return { ok: true, table: { header: header.map((h) => h.trim()), rows }, delimiter };
}

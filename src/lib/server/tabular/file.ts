/**
 * An uploaded file → delivery rows, or the file-level problems that stop it before any row is
 * looked at: too large, empty, not a table at all, or columns that are missing, unknown or
 * doubled. Row-level problems (a KPI code, a number) are the planner's.
 */
import type { AppLocale } from '../../format/number';
// Text decoding (iconv-lite) already lives with the file handling in server/tabular, where
// this module and its CSV/XLSX readers are to follow.
import { decodeText, fileKind, MAX_FILE_BYTES, type TextEncoding } from './decode';
import { numberLocaleFor, parseCsv, type Delimiter } from './csv';
import { readXlsx } from './xlsx';
import {
	assignColumns,
	type ColumnProblem,
	type ColumnTarget,
	type SavedMapping
} from '../../domain/delivery/columns';
import { tableToRows, type RowDefaults } from '../../domain/delivery/rows';
import { cellText, type Table } from '../../domain/delivery/table';
import type { DeliveryRow } from '../../domain/delivery/types';

/** Rows one file may carry; 100,000 must import, this leaves room. */
export const MAX_ROWS = 200_000;

export type NumberFormat = 'auto' | AppLocale;

export interface ParseOptions {
	defaults: RowDefaults;
	/** Language of the person uploading: the number format of XLSX text cells and of tabbed text. */
	userLocale: AppLocale;
	/** How numbers in CSV are written; auto: decimal comma with ";", decimal point with ",". */
	numberFormat: NumberFormat;
	mapping?: SavedMapping;
	maxRows?: number;
}

export type FileProblem =
	| { problem: 'empty' }
	| { problem: 'no_rows' }
	| { problem: 'too_large'; maxBytes: number }
	| { problem: 'binary' }
	| { problem: 'xls_unsupported' }
	| { problem: 'xlsx_unreadable' }
	| { problem: 'csv_malformed'; line: number }
	| { problem: 'too_many_rows'; max: number }
	| ColumnProblem;

export interface FileFacts {
	kind: 'csv' | 'xlsx';
	encoding: TextEncoding | null;
	delimiter: Delimiter | null;
	numberLocale: AppLocale;
	header: string[];
	/** The first data row as text, to help the user map columns. */
	sample: string[];
	targets: (ColumnTarget | null)[];
}

export type ParsedFile =
	| { ok: true; rows: DeliveryRow[]; facts: FileFacts }
	| { ok: false; problems: FileProblem[]; facts: FileFacts | null };

const fail = (problem: FileProblem, facts: FileFacts | null = null): ParsedFile => ({
	ok: false,
	problems: [problem],
	facts
});

export async function parseDeliveryFile(
	bytes: Uint8Array,
	options: ParseOptions
): Promise<ParsedFile> {
	const maxRows = options.maxRows ?? MAX_ROWS;
	if (bytes.length > MAX_FILE_BYTES)
		return fail({ problem: 'too_large', maxBytes: MAX_FILE_BYTES });
	if (bytes.length === 0) return fail({ problem: 'empty' });
	const kind = fileKind(bytes);
	if (kind === 'xls') return fail({ problem: 'xls_unsupported' });

	let table: Table;
	let facts: Omit<FileFacts, 'header' | 'sample' | 'targets'>;
	if (kind === 'xlsx') {
		const read = await readXlsx(bytes, maxRows);
		if (!read.ok) return fail(read.problem === 'too_many_rows' ? read : { problem: read.problem });
		table = read.table;
		facts = { kind: 'xlsx', encoding: null, delimiter: null, numberLocale: options.userLocale };
	} else {
		const decoded = decodeText(bytes);
		if (!decoded.ok) return fail({ problem: 'binary' });
		const csv = parseCsv(decoded.text);
		if (!csv.ok) return fail(csv.problem === 'empty' ? { problem: 'empty' } : csv);
		table = csv.table;
		const numberLocale =
			options.numberFormat === 'auto'
				? numberLocaleFor(csv.delimiter, options.userLocale)
				: options.numberFormat;
		facts = { kind: 'csv', encoding: decoded.encoding, delimiter: csv.delimiter, numberLocale };
		if (table.rows.length > maxRows) return fail({ problem: 'too_many_rows', max: maxRows });
	}
	const columns = assignColumns(table.header, options.mapping);
	const first = table.rows[0]?.cells ?? [];
	const full: FileFacts = {
		...facts,
		header: table.header,
		sample: table.header.map((_, i) => cellText(first[i]).slice(0, 60)),
		targets: columns.targets
	};
	if (columns.problems.length) return { ok: false, problems: columns.problems, facts: full };
	if (table.rows.length === 0) return fail({ problem: 'no_rows' }, full);
	return {
		ok: true,
		rows: tableToRows(table, columns.index, options.defaults, full.numberLocale),
		facts: full
	};
}

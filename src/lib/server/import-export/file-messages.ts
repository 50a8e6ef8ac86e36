import { m } from '../../paraglide/messages';
import type { AppLocale } from '../../format/number';
import type { FileProblem } from '../tabular/file';
import type { ColumnKey } from '../../domain/delivery/columns';
import { formatNumber } from '../../format/number';

export function columnLabel(key: ColumnKey | 'ignore', locale: AppLocale): string {
	const o = { locale };
	switch (key) {
		case 'city':
			return m.import_column_city({}, o);
		case 'field':
			return m.import_column_field({}, o);
		case 'kpi':
			return m.import_column_kpi({}, o);
		case 'year':
			return m.import_column_year({}, o);
		case 'quarter':
			return m.import_column_quarter({}, o);
		case 'value':
			return m.import_column_value({}, o);
		case 'comment':
			return m.import_column_comment({}, o);
		case 'ignore':
			return m.import_column_ignore({}, o);
	}
}

/** A file-level problem in the user's language. Nothing was written when one is shown. */
export function fileProblemText(problem: FileProblem, locale: AppLocale): string {
	const o = { locale };
	const list = (items: string[]) => items.map((c) => `„${c}“`).join(', ');
	switch (problem.problem) {
		case 'empty':
			return m.import_file_empty({}, o);
		case 'no_rows':
			return m.import_file_no_rows({}, o);
		case 'too_large':
			return m.import_file_too_large(
				{ max: formatNumber(problem.maxBytes / 1024 / 1024, locale) },
				o
			);
		case 'binary':
			return m.import_file_binary({}, o);
		case 'xls_unsupported':
			return m.import_file_xls({}, o);
		case 'xlsx_unreadable':
			return m.import_file_xlsx_unreadable({}, o);
		case 'csv_malformed':
			return m.import_file_csv_malformed({ line: String(problem.line) }, o);
		case 'too_many_rows':
			return m.import_file_too_many_rows({ max: formatNumber(problem.max, locale) }, o);
		case 'missing_columns':
			return m.import_file_missing_columns(
				{ columns: problem.columns.map((c) => columnLabel(c, locale)).join(', ') },
				o
			);
		case 'unknown_columns':
			return m.import_file_unknown_columns({ columns: list(problem.columns) }, o);
		case 'duplicate_columns':
			return m.import_file_duplicate_columns({ columns: list(problem.columns) }, o);
	}
}

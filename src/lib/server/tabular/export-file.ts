/**
 * Values as a file in the import's own columns, so an exported file imports again with zero
 * changes. CSV as Excel expects it in the user's language: German with semicolons and decimal
 * commas, English with commas and decimal points; both UTF-8 with BOM (Excel otherwise reads
 * ANSI) and CRLF. XLSX with real numbers. Text that Excel would run as a formula (=, +, -, @)
 * gets a leading apostrophe in CSV; the import takes it off again.
 */
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import type { AppLocale, KpiUnit } from '../../format/number';
import { formatPlainValue } from '../../domain/entry/cell-input';
import type { ValueState } from '../../domain/delivery/types';
import { guardFormula } from '../../domain/delivery/formula';

export interface ExportRow {
	city: string;
	field: string;
	kpi: string;
	name: string;
	unit: KpiUnit;
	year: number;
	quarter: number;
	value: number | null;
	comment: string;
	/** null in a template row without a stored value. */
	state: ValueState | null;
}

export interface ExportLabels {
	unit: (unit: KpiUnit) => string;
	state: (state: ValueState) => string;
}

/** Header names per language; the import recognises both. */
export const exportHeaders: Record<AppLocale, string[]> = {
	de: [
		'Stadt',
		'Handlungsfeld',
		'Kennzahl',
		'Bezeichnung',
		'Einheit',
		'Jahr',
		'Quartal',
		'Wert',
		'Kommentar',
		'Status'
	],
	en: ['City', 'Field', 'KPI', 'Name', 'Unit', 'Year', 'Quarter', 'Value', 'Comment', 'State']
};

const BOM = '\uFEFF';

export function exportCsv(rows: ExportRow[], locale: AppLocale, labels: ExportLabels): string {
	const data = rows.map((r) => [
		r.city,
		r.field,
		r.kpi,
		guardFormula(r.name),
		labels.unit(r.unit),
		String(r.year),
		String(r.quarter),
		r.value === null ? '' : formatPlainValue(r.value, locale),
		guardFormula(r.comment),
		r.state === null ? '' : labels.state(r.state)
	]);
	return (
		BOM +
		Papa.unparse(
			{ fields: exportHeaders[locale], data },
			{ delimiter: locale === 'de' ? ';' : ',', newline: '\r\n' }
		) +
		'\r\n'
	);
}

export async function exportXlsx(
	rows: ExportRow[],
	locale: AppLocale,
	labels: ExportLabels,
	sheetName: string
): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet(sheetName.slice(0, 31), {
		views: [{ state: 'frozen', ySplit: 1 }]
	});
	sheet.columns = exportHeaders[locale].map((header, i) => ({
		header,
		width: [12, 22, 18, 40, 12, 7, 8, 14, 40, 12][i]
	}));
	sheet.getRow(1).font = { bold: true };
	for (const r of rows) {
		sheet.addRow([
			r.city,
			r.field,
			r.kpi,
			r.name,
			labels.unit(r.unit),
			r.year,
			r.quarter,
			r.value,
			r.comment,
			r.state === null ? '' : labels.state(r.state)
		]);
	}
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

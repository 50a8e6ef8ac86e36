/**
 * "Export what is shown": a table of text and numbers as a download, CSV the way Excel opens it
 * in the user's language (German: semicolons, decimal commas; English: commas, points; both
 * UTF-8 with BOM and CRLF) or XLSX with real number cells. Text that Excel would run as a
 * formula gets a leading apostrophe (CSV injection).
 */
import ExcelJS from 'exceljs';
import type { AppLocale } from '../../format/number';
import { csvText, type CsvCell } from './csv-text';

export type TableCell = CsvCell;
export type TableFormat = 'csv' | 'xlsx';

export interface TableFile {
	body: Uint8Array | string;
	contentType: string;
	fileName: string;
}

export async function tableFile(
	table: { headers: string[]; rows: TableCell[][]; sheetName: string; baseName: string },
	format: TableFormat,
	locale: AppLocale
): Promise<TableFile> {
	if (format === 'csv') {
		return {
			body: csvText(table.headers, table.rows, { locale }),
			contentType: 'text/csv; charset=utf-8',
			fileName: `${table.baseName}.csv`
		};
	}
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet(table.sheetName.slice(0, 31));
	sheet.addRow(table.headers).font = { bold: true };
	for (const row of table.rows) sheet.addRow(row);
	sheet.columns.forEach((column) => (column.width = 18));
	const buffer = await workbook.xlsx.writeBuffer();
	return {
		body: new Uint8Array(buffer as ArrayBuffer),
		contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		fileName: `${table.baseName}.xlsx`
	};
}

/** The response headers of a download, with a file name safe for every browser. */
export function downloadHeaders(file: TableFile): Record<string, string> {
	const ascii = file.fileName.replace(/[^A-Za-z0-9._-]/g, '_');
	return {
		'content-type': file.contentType,
		'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
		'cache-control': 'private, no-store'
	};
}

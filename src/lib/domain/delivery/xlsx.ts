/**
 * The first worksheet of an XLSX upload as a table, read as a stream (exceljs WorkbookReader),
 * so a 100,000-row sheet never sits in memory as a workbook model. Numbers stay numbers: an
 * Excel cell needs no locale to be read.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { isBlank, type Cell, type Table } from './table';

export type XlsxResult =
	| { ok: true; table: Table }
	| { ok: false; problem: 'xlsx_unreadable' | 'empty' }
	| { ok: false; problem: 'too_many_rows'; max: number };

/** Float noise from Excel formulas (12.300000000000001) goes; real precision stays. */
function cleanNumber(n: number): number {
	const rounded = Number(n.toPrecision(15));
	return Number.isFinite(rounded) ? rounded : n;
}

/** One cell's value as text or number; formulas give their result, rich text its plain text. */
export function cellValue(value: unknown): Cell {
	if (value === null || value === undefined) return null;
	if (typeof value === 'number') return cleanNumber(value);
	if (typeof value === 'string') return value;
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if (typeof value === 'object') {
		const v = value as Record<string, unknown>;
		if (Array.isArray(v.richText)) {
			return (v.richText as { text?: string }[]).map((p) => p.text ?? '').join('');
		}
		if ('result' in v) return cellValue(v.result);
		if ('formula' in v || 'sharedFormula' in v) return null;
		if (typeof v.text === 'string') return v.text;
		if ('error' in v) return String(v.error);
	}
	return String(value);
}

export async function readXlsx(bytes: Uint8Array, maxRows: number): Promise<XlsxResult> {
	try {
		const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.from(bytes)), {
			entries: 'emit',
			sharedStrings: 'cache',
			hyperlinks: 'ignore',
			styles: 'ignore',
			worksheets: 'emit'
		});
		for await (const sheet of reader) {
			let header: string[] | null = null;
			const rows: Table['rows'] = [];
			for await (const row of sheet) {
				// row.values is 1-based: index 0 is always empty.
				const cells = Array.from(((row.values as unknown[]) ?? []).slice(1), cellValue);
				if (header === null) {
					if (cells.every(isBlank)) continue;
					header = cells.map((c) => (c === null ? '' : String(c).trim()));
					continue;
				}
				if (cells.every(isBlank)) continue;
				if (rows.length >= maxRows) return { ok: false, problem: 'too_many_rows', max: maxRows };
				rows.push({ line: row.number, cells });
			}
			if (header === null) return { ok: false, problem: 'empty' };
			return { ok: true, table: { header, rows } };
		}
		return { ok: false, problem: 'empty' };
	} catch {
		return { ok: false, problem: 'xlsx_unreadable' };
	}
}

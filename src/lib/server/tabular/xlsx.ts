/**
 * The first worksheet of an XLSX upload as a table, read as a stream (exceljs WorkbookReader),
 * so a 100,000-row sheet never sits in memory as a workbook model. Numbers stay numbers: an
 * Excel cell needs no locale to be read.
 *
 * Formulas give their cached result, read from the cell itself: exceljs's `row.values` copies
 * drop falsy results (a formula giving 0 looked empty), and its streaming reader turns an error
 * result (`=1/0` → #DIV/0!) into NaN. Errors and formulas without a result become faults, never
 * empty cells, so a broken spreadsheet cannot clear a stored value (decision 17).
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
	cellText,
	isBlank,
	type Cell,
	type CellFault,
	type Table
} from '../../domain/delivery/table';

export type XlsxResult =
	| { ok: true; table: Table }
	| { ok: false; problem: 'xlsx_unreadable' | 'empty' }
	| { ok: false; problem: 'too_many_rows'; max: number };

/** Float noise from Excel formulas (12.300000000000001) goes; real precision stays. */
function cleanNumber(n: number): number {
	const rounded = Number(n.toPrecision(15));
	return Number.isFinite(rounded) ? rounded : n;
}

/** One plain (non-formula) value as text or number; rich text gives its plain text. */
export function cellValue(value: unknown, address = ''): Cell {
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
		if ('error' in v)
			return { fault: 'error', cell: address, code: String(v.error), formula: null };
		if (typeof v.text === 'string') return v.text;
	}
	return String(value);
}

function formulaOf(cell: ExcelJS.Cell): string | null {
	try {
		return cell.formula || null;
	} catch {
		// A shared formula whose master cell the stream has passed already.
		return null;
	}
}

/** A formula cell's cached result, or the fault that it has none to read. */
function formulaResult(cell: ExcelJS.Cell): Cell {
	const result: unknown = cell.result;
	const formula = formulaOf(cell);
	const fault = (f: CellFault['fault']): CellFault =>
		f === 'error'
			? { fault: 'error', cell: cell.address, code: null, formula }
			: { fault: 'uncomputed', cell: cell.address, formula };
	if (result === null || result === undefined) return fault('uncomputed');
	// The streaming reader parses an error result (t="e") as a number: NaN.
	if (typeof result === 'number' && Number.isNaN(result)) return fault('error');
	if (typeof result === 'object' && 'error' in (result as object)) {
		return { ...fault('error'), code: String((result as { error: unknown }).error) } as CellFault;
	}
	return cellValue(result, cell.address);
}

function rowCells(row: ExcelJS.Row): Cell[] {
	const cells: Cell[] = [];
	row.eachCell({ includeEmpty: false }, (cell, column) => {
		cells[column - 1] =
			cell.type === ExcelJS.ValueType.Formula
				? formulaResult(cell)
				: cellValue(cell.value, cell.address);
	});
	for (let i = 0; i < cells.length; i++) cells[i] ??= null;
	return cells;
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
				const cells = rowCells(row as ExcelJS.Row);
				if (header === null) {
					if (cells.every(isBlank)) continue;
					header = cells.map((c) => cellText(c).trim());
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

/** A file's content as a table: the header row and the data rows with their row numbers. */

/**
 * A spreadsheet cell that holds no value to read: an error (#DIV/0!, #NV), or a formula whose
 * result the file does not carry (written by a program and never calculated). Such a cell is
 * never taken for an empty one: its row is refused with the cell's address.
 */
export type CellFault =
	| { fault: 'error'; cell: string; code: string | null; formula: string | null }
	| { fault: 'uncomputed'; cell: string; formula: string | null };

export type Cell = string | number | null | CellFault;

export interface TableRow {
	/** Row number as the spreadsheet shows it: the header is row 1. */
	line: number;
	cells: Cell[];
}

export interface Table {
	header: string[];
	rows: TableRow[];
}

export const isFault = (cell: Cell | undefined): cell is CellFault =>
	typeof cell === 'object' && cell !== null;

export const isBlank = (cell: Cell | undefined) =>
	cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

/** A cell as text for people (header, sample): a faulty cell as its error or formula. */
export function cellText(cell: Cell | undefined): string {
	if (cell === null || cell === undefined) return '';
	if (isFault(cell))
		return cell.fault === 'error' && cell.code ? cell.code : `=${cell.formula ?? ''}`;
	return String(cell);
}

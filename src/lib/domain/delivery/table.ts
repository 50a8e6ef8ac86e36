/** A file's content as a table: the header row and the data rows with their row numbers. */
export type Cell = string | number | null;

export interface TableRow {
	/** Row number as the spreadsheet shows it: the header is row 1. */
	line: number;
	cells: Cell[];
}

export interface Table {
	header: string[];
	rows: TableRow[];
}

export const isBlank = (cell: Cell | undefined) =>
	cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

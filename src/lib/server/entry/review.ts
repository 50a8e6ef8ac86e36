import { checkValue, type EntryWarning } from '../../domain/entry/plausibility';
import type { Status } from '../../domain/status/status';
import type { EntryGrid, GridRow } from '../../types/entry';

/** One submitted value as the approver reviews it. */
export interface ReviewRow {
	row: GridRow;
	value: number;
	version: number;
	comment: string;
	status: Status;
	/** The plausibility rules' warnings, as the controller saw them when entering. */
	warnings: EntryWarning[];
}

/**
 * The quarter's submitted values with what the approver weighs them against: the comparison
 * quarters are on the row already; status and warnings come from the same pure rules the entry
 * grid applies, so both sides read the value alike.
 */
export function reviewRows(grid: EntryGrid): ReviewRow[] {
	return grid.rows.flatMap((row) => {
		const current = row.current;
		if (current?.state !== 'submitted') return [];
		const check = checkValue({
			value: current.value,
			unit: row.unit,
			bands: row.bands,
			previousValue: row.previousQuarter,
			plausibleChangePercent: row.plausibleChangePercent,
			comment: current.comment
		});
		return [
			{
				row,
				value: current.value,
				version: current.version,
				comment: current.comment,
				status: check.status,
				warnings: check.warnings
			}
		];
	});
}

/** Values of the quarter not submitted yet (draft, returned, or missing): not for release now. */
export const notSubmittedCount = (grid: EntryGrid) =>
	grid.rows.filter((r) => r.current?.state !== 'submitted' && r.current?.state !== 'released')
		.length;

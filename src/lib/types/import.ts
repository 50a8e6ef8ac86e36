/**
 * An uploaded file as the import pages show it (built by `server/import-export/view.ts`).
 */
import type { ColumnTarget } from '../domain/delivery/columns';
import type { RowOutcome, RowOutcomeKind } from '../domain/delivery/types';

/** Which rows of the dry run are listed. */
export type ShowFilter = 'all' | 'new' | 'changed' | 'unchanged' | 'error';

export interface UploadView {
	id: string;
	fileName: string;
	facts: string | null;
	problems: string[];
	/** Column mapping step: each file column with its current meaning (null: unknown). */
	columns: { header: string; sample: string; target: ColumnTarget | null }[] | null;
	targets: { value: ColumnTarget; label: string }[];
	counts: Record<RowOutcomeKind, number> | null;
	/** Rows whose empty value cell keeps a stored value (a file import never deletes). */
	emptyValueCells: number;
	/** Errors grouped by kind, with the first row of each: the summary of a large file. */
	errorGroups: { code: string; count: number; line: number; message: string }[];
	show: ShowFilter;
	page: number;
	pages: number;
	rows: RowOutcome[];
}

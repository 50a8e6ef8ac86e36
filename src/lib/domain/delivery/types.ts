/**
 * The shapes of a delivery (file import or API upsert) of KPI values: rows by natural key in,
 * one outcome per row out. Pure types, so the browser can render a dry run with them too.
 */
import type { AppLocale } from '../../format/number';
import type { EntryWarning } from '../entry/plausibility';
import type { ColumnKey } from './columns';
import type { CellFault } from './table';

export type ValueState = 'draft' | 'submitted' | 'released';

export interface DeliveryRow {
	/** 1-based row number in the file / index+1 in the API array (for messages). */
	line: number;
	/** City slug as in URLs (e.g. 'koeln'); the AGS (8 digits) or the city's name also work. */
	city: string;
	/** Field slug (or its German/English name); optional when the KPI code is unambiguous. */
	field?: string;
	/** KPI code (shared catalogue code, or the city's local KPI code); case does not matter. */
	kpi: string;
	year: number;
	/** 1..4 */
	quarter: number;
	/** null = no value (clears a draft, unless `blank`). Already parsed, unless `raw` is given. */
	value: number | null;
	/** '' when none; omitted (undefined): the stored comment stays (the API). */
	comment?: string;
	/**
	 * The optimistic-version claim (domain/entry/version-claim.ts): the version of the stored
	 * value the sender read, 0 for none. Omitted: the row is written without that check.
	 */
	version?: number;
	/**
	 * The cell as written in a file, read with the KPI's unit once the KPI is known (the entry
	 * grid's rule: "12,5 %" on a percent KPI, never on a euro KPI). Replaces `value` when given.
	 */
	raw?: { text: string; locale: AppLocale };
	/**
	 * The value cell of a file was empty. A file's empty cell says nothing about the value: a
	 * stored value and its comment stay (decision 17). The API's explicit `null` still clears.
	 */
	blank?: true;
	/** Year and quarter as the file wrote them, when they are no valid quarter (for the message). */
	written?: { year: string; quarter: string };
	/** A spreadsheet cell of the row with an error or a formula without result: refused. */
	fault?: { column: ColumnKey } & CellFault;
}

export type RowOutcomeKind = 'new' | 'changed' | 'unchanged' | 'error';

/** The stored value a row meets, with its row version. */
export interface StoredSide {
	value: number | null;
	comment: string;
	state: ValueState;
	version: number;
}

export type DeliveryErrorCode =
	| 'unknown_city'
	| 'foreign_city'
	| 'unknown_field'
	| 'unknown_kpi'
	| 'ambiguous_kpi'
	| 'kpi_not_on_scorecard'
	| 'period_missing'
	| 'period_closed'
	/** Submitted or released, and the row would change it. */
	| 'value_locked'
	| 'invalid_value'
	| 'duplicate_row'
	| 'red_needs_comment'
	| 'invalid_period'
	/** More decimals than the KPI's definition keeps (it would be shown rounded). */
	| 'too_many_decimals'
	/** The row's `version` claim no longer holds: someone changed the value since. */
	| 'version_conflict';

export interface RowOutcome {
	line: number;
	kind: RowOutcomeKind;
	city: string;
	field: string | null;
	kpi: string;
	year: number;
	quarter: number;
	before: StoredSide | null;
	after: { value: number | null; comment: string; version: number } | null;
	/** Message in the request's locale. */
	error?: { code: DeliveryErrorCode; message: string };
	/** Plausibility hints of the entry grid (not blocking: the value becomes a draft). */
	warnings?: EntryWarning[];
	/** The file's value cell was empty: unchanged, the stored value and comment stay. */
	emptyValueCell?: true;
}

export interface DeliveryPlan {
	outcomes: RowOutcome[];
	counts: Record<RowOutcomeKind, number>;
}

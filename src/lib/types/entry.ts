/**
 * The entry grid and its checks as the entry page and its components receive them
 * (built by `server/entry/{grid,form,save}.ts`).
 */
import type { KpiValueProblem } from '../domain/entry/cell-input';
import type { EntryError, EntryWarning } from '../domain/entry/plausibility';
import type { Quarter } from '../domain/period/quarter';
import type { PeriodState } from '../domain/period/reporting-period';
import type { MeasurementState } from '../domain/scorecard/types';
import type { Bands, Polarity } from '../domain/status/status';
import type { KpiUnit } from '../format/number';

export interface GridValue {
	id: number;
	value: number;
	state: MeasurementState;
	comment: string;
	version: number;
	/** Why the approver returned the value for a correction; null when it was not returned. */
	returnReason: string | null;
	updatedByName: string | null;
}

/** One row of the entry grid: a KPI of the scorecard with everything the controller compares. */
export interface GridRow {
	kpiId: number;
	code: string;
	name: string;
	comparable: boolean;
	kpiVersionId: number;
	unit: KpiUnit;
	decimals: number;
	polarity: Polarity;
	plausibleChangePercent: number | null;
	bands: Bands | null;
	current: GridValue | null;
	previousQuarter: number | null;
	sameQuarterLastYear: number | null;
}

export interface EntryGrid {
	scorecardId: number;
	organisation: { id: number; slug: string; name: string };
	field: { id: number; slug: string; nameDe: string; nameEn: string };
	quarter: Quarter;
	period: { state: PeriodState; deadline: string | null };
	rows: GridRow[];
}

export interface RowCheck {
	kpiId: number;
	problem: KpiValueProblem | null;
	errors: EntryError[];
	warnings: EntryWarning[];
}

/** One posted row of the grid, as read from the form. */
export interface PostedRow {
	kpiId: number;
	value: string;
	comment: string;
	version: number;
}

/** Someone saved the value in between: their value is shown, the user decides. */
export interface SaveConflict {
	kpiId: number;
	theirValue: number | null;
	theirComment: string;
	theirVersion: number;
	byName: string | null;
}

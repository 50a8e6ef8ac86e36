/**
 * Plausibility of a value entered for a quarter. Pure: the entry grid shows the result while the
 * controller types, and the server repeats the check before a value is submitted.
 *
 * - Warnings point at values that are probably mistyped. They do not forbid the value: the
 *   controller confirms it with a comment, and with a non-empty comment a warning no longer
 *   blocks.
 *   - `change_exceeds_tolerance`: the value moved by more than the KPI's plausible change
 *     (percent of the previous quarter's value): |value − previous| / |previous| · 100 > tolerance.
 *     Exactly on the tolerance is fine. From a previous value of 0 any change exceeds it. Without
 *     a previous value or without a tolerance there is nothing to compare.
 *   - `share_above_100`: a percentage above 100.
 *   - `negative`: a negative count, duration or percentage (euro and ratio may be negative).
 * - Errors block submitting (`canSubmit`):
 *   - `comment_required_red`: the value is red and there is no comment.
 *   - `comment_required_warning`: there is a warning and no comment.
 *   A comment of only spaces is no comment.
 * - No value (null): status no_data, nothing to warn about.
 */
import type { KpiUnit } from '../../format/number';
import { statusOf, type Bands, type Status } from '../status/status';

export type EntryWarning = 'change_exceeds_tolerance' | 'share_above_100' | 'negative';
export type EntryError = 'comment_required_red' | 'comment_required_warning';

export interface CheckInput {
	value: number | null;
	unit: KpiUnit;
	bands: Bands | null;
	/** The KPI's value in the previous quarter, if any. */
	previousValue: number | null;
	/** Largest plausible change against the previous quarter in percent; null: not checked. */
	plausibleChangePercent: number | null;
	comment: string;
}

export interface CheckResult {
	status: Status;
	errors: EntryError[];
	warnings: EntryWarning[];
}

/** Units whose values cannot be below zero. */
export const NON_NEGATIVE_UNITS: ReadonlySet<KpiUnit> = new Set<KpiUnit>([
	'count',
	'days',
	'hours',
	'minutes',
	'seconds',
	'percent'
]);

/**
 * Binary noise (0.3 → 0.33 is 10.000000000000009 %) must not turn a change exactly on the
 * tolerance into a warning.
 */
const EPSILON = 1e-9;

/**
 * Change against the previous value in percent of its magnitude (110 after 100: 10; 90: −10).
 * From 0: 0 when unchanged, otherwise ±Infinity.
 */
export function changePercent(value: number, previous: number): number {
	if (previous === 0) return value === 0 ? 0 : value > 0 ? Infinity : -Infinity;
	return ((value - previous) / Math.abs(previous)) * 100;
}

export function checkValue(input: CheckInput): CheckResult {
	const { value, unit, bands, previousValue, plausibleChangePercent } = input;
	const status = statusOf(value, bands);
	if (value === null || Number.isNaN(value)) return { status, errors: [], warnings: [] };

	const warnings: EntryWarning[] = [];
	if (
		previousValue !== null &&
		plausibleChangePercent !== null &&
		Math.abs(changePercent(value, previousValue)) > plausibleChangePercent + EPSILON
	) {
		warnings.push('change_exceeds_tolerance');
	}
	if (unit === 'percent' && value > 100) warnings.push('share_above_100');
	if (value < 0 && NON_NEGATIVE_UNITS.has(unit)) warnings.push('negative');

	const errors: EntryError[] = [];
	const commented = input.comment.trim() !== '';
	if (!commented && status === 'red') errors.push('comment_required_red');
	if (!commented && warnings.length > 0) errors.push('comment_required_warning');

	return { status, errors, warnings };
}

/** Whether the value may be submitted: no errors (warnings confirmed by a comment are fine). */
export function canSubmit(result: Pick<CheckResult, 'errors'>): boolean {
	return result.errors.length === 0;
}

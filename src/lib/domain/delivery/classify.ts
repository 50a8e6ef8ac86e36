import { hasAtMostDecimals } from '../entry/cell-input';
import { claimHolds, versionAfterWrite } from '../entry/version-claim';
import { checkValue, type EntryWarning } from '../entry/plausibility';
import { hasTarget, type Bands } from '../status/status';
import { shiftQuarter } from '../period/quarter';
import type { DeliveryErrorCode, RowOutcomeKind } from './types';
import {
	periodKey,
	valueKey,
	type RowKey,
	type StoredValue,
	type StoredState,
	type ErrorDetail,
	type ResolvedRow,
	type WriteOp,
	type PlannedRow
} from './plan-model';

/**
 * Compares each resolved row with the stored value: equal value and comment is `unchanged` and
 * nothing else is checked (so an export re-imports cleanly, also for closed quarters and released
 * values). A file's empty value cell (`blank`) keeps the stored value and comment: a file import
 * never deletes (decision 17). Only a row that would write is checked against the period
 * (open?), the stored state (draft?) and the entry grid's rule that a red value needs a comment.
 */

/** Bands a value is judged by: the city's target for the year, else the field's common one. */
function bandsOf(key: RowKey): Bands | null {
	const own = key.kpi.targets.get(key.quarter.year);
	if (hasTarget(own)) return own;
	return hasTarget(key.version.bands) ? key.version.bands : null;
}

/** A file row whose value cell was empty: it keeps whatever is stored (decision 17). */
const keepsStored = (r: Extract<ResolvedRow, { ok: true }>) =>
	r.row.blank === true && r.value === null;

const sameValue = (a: number | null, b: StoredValue | undefined) =>
	b === undefined ? a === null : a !== null && a === b.value;

/** Decides every row's outcome against the stored state; rows with a `write` are to be written. */
export function classifyRows(resolved: ResolvedRow[], stored: StoredState): PlannedRow[] {
	// The value each key will have after the delivery, for the previous-quarter comparison.
	// A file's empty value cell changes nothing, so it is no delivered value either.
	const delivered = new Map<string, number | null>();
	for (const r of resolved) {
		if (r.ok && r.duplicateOf === null && !keepsStored(r))
			delivered.set(valueKey(r.key.kpi.kpiId, r.key.quarter), r.value);
	}
	return resolved.map((r): PlannedRow => {
		if (!r.ok) {
			return {
				line: r.row.line,
				kind: 'error',
				...r.display,
				year: r.row.year,
				quarter: r.row.quarter,
				before: null,
				after: null,
				error: { code: r.code, detail: r.detail }
			};
		}
		const { key } = r;
		const vKey = valueKey(key.kpi.kpiId, key.quarter);
		const current = stored.values.get(vKey);
		// A row without a comment keeps the stored one; '' (or null in the API) clears it.
		const comment = r.comment ?? current?.comment ?? '';
		const base = {
			line: r.row.line,
			city: key.city.slug,
			field: key.field.slug,
			kpi: key.kpi.code,
			year: key.quarter.year,
			quarter: key.quarter.quarter,
			before: current
				? {
						value: current.value,
						comment: current.comment,
						state: current.state,
						version: current.version
					}
				: null,
			after: { value: r.value, comment, version: versionAfterWrite(current, r.value) }
		};
		const error = (code: DeliveryErrorCode, detail: ErrorDetail = {}): PlannedRow => ({
			...base,
			kind: 'error',
			error: { code, detail }
		});
		if (r.duplicateOf !== null) return error('duplicate_row', { line: String(r.duplicateOf) });
		if (keepsStored(r) && current) {
			// Nothing to write, so nothing to check: as for an unchanged row.
			if (r.comment && r.comment !== current.comment) {
				return error('invalid_value', { problem: 'comment_without_value', text: '' });
			}
			return {
				...base,
				after: { value: current.value, comment: current.comment, version: current.version },
				kind: 'unchanged',
				emptyValueCell: true
			};
		}
		if (sameValue(r.value, current) && comment === (current?.comment ?? '')) {
			return {
				...base,
				kind: 'unchanged',
				after: { ...base.after, version: current?.version ?? 0 }
			};
		}
		// Checked before anything else about the write: the sender must see the new state first.
		const claim = r.row.version;
		if (claim !== undefined && !claimHolds(claim, current)) {
			return error('version_conflict', {
				version: String(current?.version ?? 0),
				expected: String(claim)
			});
		}
		if (r.value === null && !current) {
			// A comment alone has nowhere to go: a value row always has a number.
			return error('invalid_value', { problem: 'comment_without_value', text: '' });
		}
		const period = stored.periods.get(periodKey(key.field.id, key.quarter));
		if (!period) return error('period_missing');
		if (period === 'closed') return error('period_closed');
		if (current && current.state !== 'draft')
			return error('value_locked', { state: current.state });
		if (r.value !== null && !hasAtMostDecimals(r.value, key.version.decimals)) {
			// Refused, never rounded: 89.5 on a KPI without decimals would be shown as 90.
			return error('too_many_decimals', {
				decimals: String(key.version.decimals),
				text: r.row.raw ? r.row.raw.text : String(r.value)
			});
		}

		let warnings: EntryWarning[] = [];
		if (r.value !== null) {
			const prevKey = valueKey(key.kpi.kpiId, shiftQuarter(key.quarter, -1));
			const previousValue = delivered.has(prevKey)
				? (delivered.get(prevKey) ?? null)
				: (stored.previous.get(prevKey) ?? stored.values.get(prevKey)?.value ?? null);
			const check = checkValue({
				value: r.value,
				unit: key.version.unit,
				bands: bandsOf(key),
				previousValue,
				plausibleChangePercent: key.version.plausibleChangePercent,
				comment
			});
			if (check.errors.includes('comment_required_red')) return error('red_needs_comment');
			warnings = check.warnings;
		}
		const write: WriteOp = !current
			? {
					op: 'insert',
					kpiId: key.kpi.kpiId,
					kpiVersionId: key.version.id,
					year: key.quarter.year,
					quarter: key.quarter.quarter,
					value: r.value!,
					comment
				}
			: r.value === null
				? { op: 'delete', id: current.id }
				: {
						op: 'update',
						id: current.id,
						kpiVersionId: key.version.id,
						value: r.value,
						comment
					};
		return {
			...base,
			kind: current ? 'changed' : 'new',
			...(warnings.length ? { warnings } : {}),
			write
		};
	});
}

export function countKinds(rows: { kind: RowOutcomeKind }[]): Record<RowOutcomeKind, number> {
	const counts: Record<RowOutcomeKind, number> = { new: 0, changed: 0, unchanged: 0, error: 0 };
	for (const r of rows) counts[r.kind]++;
	return counts;
}

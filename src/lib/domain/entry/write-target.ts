/**
 * A write on the entry page changes exactly what the person was shown, or nothing. Pure rules
 * (issue 14): which quarter a write acts on, and whether the rows it would change are the
 * rows, at the versions, that the page showed.
 */
import { parseQuarterParam, type Quarter } from '../period/quarter';

export type WriteQuarter =
	| { ok: true; quarter: Quarter }
	| { ok: false; reason: 'quarter_missing' }
	| { ok: false; reason: 'quarter_mismatch'; posted: Quarter };

const sameQuarter = (a: Quarter, b: Quarter) => a.year === b.year && a.quarter === b.quarter;

/**
 * The quarter a write acts on: the one its form names (`quarter=2025-Q3`), never a default such
 * as "the newest open quarter", which changed another quarter's values unnoticed. The page's
 * address (`?q=`) must name the same quarter when it names one: the answer is shown there.
 */
export function writeQuarter(posted: unknown, address: string | null): WriteQuarter {
	const quarter = parseQuarterParam(typeof posted === 'string' ? posted : null);
	if (!quarter) return { ok: false, reason: 'quarter_missing' };
	if (address === null) return { ok: true, quarter };
	const shown = parseQuarterParam(address);
	return shown && sameQuarter(shown, quarter)
		? { ok: true, quarter }
		: { ok: false, reason: 'quarter_mismatch', posted: quarter };
}

export interface VersionedRow {
	kpiId: number;
	version: number;
}

/**
 * The KPIs a write would change although the page did not show them at their current version
 * (`seen`: KPI → row version as shown): changed by someone else since, or not shown at all.
 * Empty: the write changes only what the person saw. Rows shown but no longer to be changed
 * (released by someone else meanwhile) are simply not changed.
 */
export function unseenChanges(
	seen: ReadonlyMap<number, number>,
	changing: readonly VersionedRow[]
): number[] {
	return changing
		.filter((r) => seen.get(r.kpiId) !== r.version)
		.map((r) => r.kpiId)
		.sort((a, b) => a - b);
}

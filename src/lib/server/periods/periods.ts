import { and, desc, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { recordAudit } from '../auth/audit';
import { reportingPeriods, users } from '../db/schema';
import type { Db, DbOrTx, Tx } from '../db/types';
import {
	compareQuarters,
	lastCompletedQuarter,
	shiftQuarter,
	type Quarter
} from '../../domain/period/quarter';

/**
 * Reporting quarters per cooperation field ("Berichtszeiträume"). A quarter is open while its
 * row exists without closedAt; values can then be entered until it is closed, and a closed
 * quarter changes only by reopening it. Opening, closing and reopening are coordination, not
 * figures: callers have checked `period:manage` for the field (field lead, admin). Every change
 * runs in one transaction with its audit entry; a refusal writes nothing.
 */

export type PeriodState = 'open' | 'closed' | 'missing';

export interface PeriodRow {
	fieldId: number;
	year: number;
	quarter: number;
	/** ISO date (YYYY-MM-DD): values are due by the end of this day. */
	deadline: string;
	state: Exclude<PeriodState, 'missing'>;
	openedAt: Date;
	openedByName: string | null;
	closedAt: Date | null;
	closedByName: string | null;
}

export type PeriodRefusal =
	/** open: the quarter has a row already (open or closed). */
	| 'duplicate'
	/** open: later than the quarter after the running one. */
	| 'too_far_ahead'
	/** open: the deadline lies before the quarter's last day. */
	| 'deadline_before_end'
	/** close/reopen: the quarter was never opened. */
	| 'missing'
	/** close: closed already. */
	| 'already_closed'
	/** reopen: open already. */
	| 'already_open';

export type PeriodResult = { ok: true; period: PeriodRow } | { ok: false; reason: PeriodRefusal };

/** The quarter running on the given day (UTC). */
export const runningQuarter = (day: Date): Quarter => shiftQuarter(lastCompletedQuarter(day), 1);

/** The latest quarter that may be opened on the given day: the one after the running quarter. */
export const latestOpenableQuarter = (day: Date): Quarter => shiftQuarter(runningQuarter(day), 1);

/** The quarter's last day as ISO date, e.g. 2026-09-30 for Q3/2026. */
export function quarterEndDate({ year, quarter }: Quarter): string {
	const last = new Date(Date.UTC(year, quarter * 3, 0));
	return last.toISOString().slice(0, 10);
}

/** The suggested deadline: the last day of the second month after the quarter (demo rhythm). */
export function suggestedDeadline({ year, quarter }: Quarter): string {
	const last = new Date(Date.UTC(year, quarter * 3 + 2, 0));
	return last.toISOString().slice(0, 10);
}

/**
 * The quarter the open form suggests: the one after the field's newest quarter, but no later than
 * allowed; without any quarter yet, the last completed one (the one cities report on now).
 */
export function suggestedQuarter(periods: readonly Quarter[], day: Date): Quarter {
	const newest = periods.reduce<Quarter | null>(
		(a, p) => (a === null || compareQuarters(p, a) > 0 ? { year: p.year, quarter: p.quarter } : a),
		null
	);
	const latest = latestOpenableQuarter(day);
	if (!newest) return lastCompletedQuarter(day);
	const next = shiftQuarter(newest, 1);
	return compareQuarters(next, latest) > 0 ? latest : next;
}

/** "2026-3": the quarter in URLs and audit entries. */
export const quarterKey = ({ year, quarter }: Quarter) => `${year}-${quarter}`;

const periodEntityId = (fieldId: number, q: Quarter) => `${fieldId}:${quarterKey(q)}`;

const byQuarter = (fieldId: number, q: Quarter) =>
	and(
		eq(reportingPeriods.fieldId, fieldId),
		eq(reportingPeriods.year, q.year),
		eq(reportingPeriods.quarter, q.quarter)
	);

/** Whether values of the field's quarter may be entered ('open'), not any more or not yet. */
export async function periodStateOf(
	db: DbOrTx,
	fieldId: number,
	year: number,
	quarter: number
): Promise<PeriodState> {
	const [row] = await db
		.select({ closedAt: reportingPeriods.closedAt })
		.from(reportingPeriods)
		.where(byQuarter(fieldId, { year, quarter }));
	if (!row) return 'missing';
	return row.closedAt ? 'closed' : 'open';
}

/** Every quarter of the field, newest first, with who opened and closed it. */
export async function listPeriods(db: DbOrTx, fieldId: number): Promise<PeriodRow[]> {
	return selectPeriods(db, eq(reportingPeriods.fieldId, fieldId));
}

async function selectPeriods(db: DbOrTx, where: SQL | undefined): Promise<PeriodRow[]> {
	const opener = alias(users, 'opener');
	const closer = alias(users, 'closer');
	const rows = await db
		.select({
			fieldId: reportingPeriods.fieldId,
			year: reportingPeriods.year,
			quarter: reportingPeriods.quarter,
			deadline: reportingPeriods.deadline,
			openedAt: reportingPeriods.openedAt,
			openedByName: opener.displayName,
			closedAt: reportingPeriods.closedAt,
			closedByName: closer.displayName
		})
		.from(reportingPeriods)
		.leftJoin(opener, eq(opener.id, reportingPeriods.openedBy))
		.leftJoin(closer, eq(closer.id, reportingPeriods.closedBy))
		.where(where)
		.orderBy(desc(reportingPeriods.year), desc(reportingPeriods.quarter));
	return rows.map((r) => ({ ...r, state: r.closedAt ? 'closed' : 'open' }));
}

async function periodRow(db: DbOrTx, fieldId: number, q: Quarter): Promise<PeriodRow> {
	const [row] = await selectPeriods(db, byQuarter(fieldId, q));
	if (!row) throw new Error(`period ${periodEntityId(fieldId, q)} vanished`);
	return row;
}

export interface OpenPeriodInput {
	actorUserId: number;
	fieldId: number;
	year: number;
	quarter: number;
	/** ISO date. */
	deadline: string;
	now: Date;
}

/**
 * Opens a quarter of the field with a deadline. Refused: a quarter that exists already (open or
 * closed: a closed one is reopened instead), one later than the quarter after the running one,
 * and a deadline before the quarter's last day. Earlier quarters may be opened late.
 */
export async function openPeriod(db: Db, input: OpenPeriodInput): Promise<PeriodResult> {
	const q = { year: input.year, quarter: input.quarter };
	if (compareQuarters(q, latestOpenableQuarter(input.now)) > 0)
		return { ok: false, reason: 'too_far_ahead' };
	if (input.deadline < quarterEndDate(q)) return { ok: false, reason: 'deadline_before_end' };
	return db.transaction(async (tx) => {
		const inserted = await tx
			.insert(reportingPeriods)
			.values({
				fieldId: input.fieldId,
				year: q.year,
				quarter: q.quarter,
				deadline: input.deadline,
				openedBy: input.actorUserId,
				openedAt: input.now
			})
			.onConflictDoNothing()
			.returning({ fieldId: reportingPeriods.fieldId });
		if (inserted.length === 0) return { ok: false, reason: 'duplicate' } as const;
		await recordAudit(tx, {
			userId: input.actorUserId,
			action: 'period.open',
			entity: 'reporting_period',
			entityId: periodEntityId(input.fieldId, q),
			after: { fieldId: input.fieldId, ...q, deadline: input.deadline }
		});
		return { ok: true, period: await periodRow(tx, input.fieldId, q) } as const;
	});
}

export interface PeriodChangeInput {
	actorUserId: number;
	fieldId: number;
	year: number;
	quarter: number;
	now: Date;
}

/** The quarter's row, locked until the transaction ends, so a concurrent change waits. */
async function lockPeriod(tx: Tx, fieldId: number, q: Quarter) {
	const [row] = await tx
		.select({ deadline: reportingPeriods.deadline, closedAt: reportingPeriods.closedAt })
		.from(reportingPeriods)
		.where(byQuarter(fieldId, q))
		.for('update');
	return row ?? null;
}

/** Closes an open quarter: from now on its values change only after reopening it. */
export async function closePeriod(db: Db, input: PeriodChangeInput): Promise<PeriodResult> {
	const q = { year: input.year, quarter: input.quarter };
	return db.transaction(async (tx) => {
		const row = await lockPeriod(tx, input.fieldId, q);
		if (!row) return { ok: false, reason: 'missing' } as const;
		if (row.closedAt) return { ok: false, reason: 'already_closed' } as const;
		await tx
			.update(reportingPeriods)
			.set({ closedAt: input.now, closedBy: input.actorUserId })
			.where(byQuarter(input.fieldId, q));
		await recordAudit(tx, {
			userId: input.actorUserId,
			action: 'period.close',
			entity: 'reporting_period',
			entityId: periodEntityId(input.fieldId, q),
			before: { state: 'open', deadline: row.deadline },
			after: { state: 'closed', deadline: row.deadline }
		});
		return { ok: true, period: await periodRow(tx, input.fieldId, q) } as const;
	});
}

/**
 * Reopens a closed quarter, e.g. for a correction after release; it keeps its deadline. The
 * entry that closed it stays in the audit log, closedAt/closedBy are cleared.
 */
export async function reopenPeriod(db: Db, input: PeriodChangeInput): Promise<PeriodResult> {
	const q = { year: input.year, quarter: input.quarter };
	return db.transaction(async (tx) => {
		const row = await lockPeriod(tx, input.fieldId, q);
		if (!row) return { ok: false, reason: 'missing' } as const;
		if (!row.closedAt) return { ok: false, reason: 'already_open' } as const;
		await tx
			.update(reportingPeriods)
			.set({ closedAt: null, closedBy: null })
			.where(byQuarter(input.fieldId, q));
		await recordAudit(tx, {
			userId: input.actorUserId,
			action: 'period.reopen',
			entity: 'reporting_period',
			entityId: periodEntityId(input.fieldId, q),
			before: { state: 'closed', closedAt: row.closedAt.toISOString(), deadline: row.deadline },
			after: { state: 'open', deadline: row.deadline }
		});
		return { ok: true, period: await periodRow(tx, input.fieldId, q) } as const;
	});
}

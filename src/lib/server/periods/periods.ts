import { recordAudit } from '../auth/audit';
import { reportingPeriods } from '../db/schema';
import type { Db, Tx } from '../db/types';
import type { Quarter } from '../../domain/period/quarter';
import { deadlineProblem, openProblem, periodStamp } from '../../domain/period/reporting-period';
import { byQuarter, findPeriod, quarterKey, type PeriodRow } from './queries';

/**
 * Opening, changing the deadline of, closing and reopening a field's reporting quarter. Callers
 * have checked `period:manage` for the field (field lead, admin). Each change runs in one
 * transaction with its audit entry and locks the quarter's row, so it waits for entry saves in
 * flight (they hold a share lock) and a save waits for it; a refusal writes nothing. Changes to
 * an existing quarter name the stamp the person saw: a quarter changed by someone else meanwhile
 * is refused as 'stale' with its current state, never silently overwritten.
 */

export type PeriodRefusal =
	/** open: the quarter has a row already (open or closed). */
	| 'duplicate'
	/** open: later than the quarter after the running one. */
	| 'too_far_ahead'
	/** open, deadline: the deadline lies before the quarter's last day. */
	| 'deadline_before_end'
	/** deadline, close, reopen: the quarter was never opened. */
	| 'missing'
	/** deadline, close, reopen: someone else changed the quarter since it was shown. */
	| 'stale'
	/** deadline: a closed quarter takes no changes before it is reopened. */
	| 'closed'
	/** close: closed already. */
	| 'already_closed'
	/** reopen: open already. */
	| 'already_open'
	/** reopen: no reason given. */
	| 'reason_required';

export type PeriodResult =
	{ ok: true; period: PeriodRow } | { ok: false; reason: PeriodRefusal; current: PeriodRow | null };

interface PeriodInput extends Quarter {
	actorUserId: number;
	fieldId: number;
	now: Date;
}

/** A change of an existing quarter names what the person saw. */
interface PeriodChange extends PeriodInput {
	stamp: string;
}

const entityId = (fieldId: number, q: Quarter) => `${fieldId}:${quarterKey(q)}`;
const quarterOf = (input: Quarter): Quarter => ({ year: input.year, quarter: input.quarter });

async function audit(tx: Tx, input: PeriodInput, action: string, before: unknown, after: unknown) {
	await recordAudit(tx, {
		userId: input.actorUserId,
		action,
		entity: 'reporting_period',
		entityId: entityId(input.fieldId, input),
		before,
		after
	});
}

/**
 * Opens a quarter of the field with a deadline. Refused: a quarter that exists already (open or
 * closed: a closed one is reopened instead), one later than the quarter after the running one,
 * and a deadline before the quarter's last day. Earlier quarters may be opened late.
 */
export async function openPeriod(
	db: Db,
	input: PeriodInput & { deadline: string }
): Promise<PeriodResult> {
	const q = quarterOf(input);
	const problem = openProblem(q, input.deadline, input.now);
	if (problem) return { ok: false, reason: problem, current: null };
	return db.transaction(async (tx) => {
		const inserted = await tx
			.insert(reportingPeriods)
			.values({
				fieldId: input.fieldId,
				...q,
				deadline: input.deadline,
				openedBy: input.actorUserId,
				openedAt: input.now
			})
			.onConflictDoNothing()
			.returning({ fieldId: reportingPeriods.fieldId });
		if (inserted.length === 0)
			return { ok: false, reason: 'duplicate', current: await findPeriod(tx, input.fieldId, q) };
		await audit(tx, input, 'period.open', undefined, { state: 'open', deadline: input.deadline });
		return { ok: true, period: (await findPeriod(tx, input.fieldId, q))! };
	});
}

/**
 * Locks the quarter's row for the transaction and checks the stamp; the refusal when it is
 * missing or was changed meanwhile (with its current state), else the locked row.
 */
async function lockForChange(tx: Tx, input: PeriodChange) {
	const q = quarterOf(input);
	const [row] = await tx
		.select({
			deadline: reportingPeriods.deadline,
			openedAt: reportingPeriods.openedAt,
			closedAt: reportingPeriods.closedAt
		})
		.from(reportingPeriods)
		.where(byQuarter(input.fieldId, q))
		.for('update');
	if (!row) return { refusal: { ok: false, reason: 'missing', current: null } as const };
	if (periodStamp(row) !== input.stamp)
		return {
			refusal: {
				ok: false,
				reason: 'stale',
				current: await findPeriod(tx, input.fieldId, q)
			} as const
		};
	return { row };
}

const refuse = async (
	tx: Tx,
	input: PeriodInput,
	reason: PeriodRefusal
): Promise<PeriodResult> => ({
	ok: false,
	reason,
	current: await findPeriod(tx, input.fieldId, input)
});

/** Moves the deadline of an open quarter; the same deadline again changes nothing. */
export async function changeDeadline(
	db: Db,
	input: PeriodChange & { deadline: string }
): Promise<PeriodResult> {
	const problem = deadlineProblem(quarterOf(input), input.deadline);
	if (problem) return { ok: false, reason: problem, current: null };
	return db.transaction(async (tx) => {
		const locked = await lockForChange(tx, input);
		if (locked.refusal) return locked.refusal;
		const { row } = locked;
		if (row.closedAt) return refuse(tx, input, 'closed');
		if (row.deadline !== input.deadline) {
			await tx
				.update(reportingPeriods)
				.set({ deadline: input.deadline })
				.where(byQuarter(input.fieldId, input));
			await audit(
				tx,
				input,
				'period.deadline',
				{ deadline: row.deadline },
				{ deadline: input.deadline }
			);
		}
		return { ok: true, period: (await findPeriod(tx, input.fieldId, input))! };
	});
}

/** Closes an open quarter: from now on its values change only after reopening it. */
export async function closePeriod(db: Db, input: PeriodChange): Promise<PeriodResult> {
	return db.transaction(async (tx) => {
		const locked = await lockForChange(tx, input);
		if (locked.refusal) return locked.refusal;
		const { row } = locked;
		if (row.closedAt) return refuse(tx, input, 'already_closed');
		await tx
			.update(reportingPeriods)
			.set({ closedAt: input.now, closedBy: input.actorUserId })
			.where(byQuarter(input.fieldId, input));
		await audit(
			tx,
			input,
			'period.close',
			{ state: 'open', deadline: row.deadline },
			{ state: 'closed', deadline: row.deadline }
		);
		return { ok: true, period: (await findPeriod(tx, input.fieldId, input))! };
	});
}

/**
 * Reopens a closed quarter for a correction, with a reason kept in the audit log. It keeps its
 * deadline; openedAt/openedBy record the reopening, closedAt/closedBy are cleared (the closing
 * stays in the audit log).
 */
export async function reopenPeriod(
	db: Db,
	input: PeriodChange & { reason: string }
): Promise<PeriodResult> {
	const reason = input.reason.trim();
	if (reason.length === 0) return { ok: false, reason: 'reason_required', current: null };
	return db.transaction(async (tx) => {
		const locked = await lockForChange(tx, input);
		if (locked.refusal) return locked.refusal;
		const { row } = locked;
		if (!row.closedAt) return refuse(tx, input, 'already_open');
		await tx
			.update(reportingPeriods)
			.set({ closedAt: null, closedBy: null, openedAt: input.now, openedBy: input.actorUserId })
			.where(byQuarter(input.fieldId, input));
		await audit(
			tx,
			input,
			'period.reopen',
			{ state: 'closed', closedAt: row.closedAt.toISOString(), deadline: row.deadline },
			{ state: 'open', deadline: row.deadline, reason }
		);
		return { ok: true, period: (await findPeriod(tx, input.fieldId, input))! };
	});
}

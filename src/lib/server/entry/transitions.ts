import { inArray, sql } from 'drizzle-orm';
import { measurements } from '../db/schema';
import type { Db, Tx } from '../db/types';
import { transactionOr } from '../db/refusal';
import { recordAudit, type AuditEntry } from '../auth/audit';
import type { Quarter } from '../../domain/period/quarter';
import { unseenChanges } from '../../domain/entry/write-target';
import { allowedInState, transition, type EntryAction } from '../../domain/entry/workflow';
import { claimHolds } from '../../domain/entry/version-claim';
import { EntryRefused, lockPeriod, lockValues, requirePeriod, type EntryFailure } from './values';
import { notifyReleased, notifyReturned, notifySubmitted } from '../mail/notify';

export interface Scope {
	userId: number;
	organisationId: number;
	fieldId: number;
	quarter: Quarter;
	/** The KPIs on the scorecard: the quarter is submitted and released per scorecard. */
	kpiIds: number[];
}

export type TransitionResult = { ok: true; count: number } | EntryFailure;

export const run = async (db: Db, change: (tx: Tx) => Promise<number>): Promise<TransitionResult> =>
	transactionOr(db, async (tx) => ({ ok: true as const, count: await change(tx) }));

export const periodLabel = (q: Quarter) => `${q.year}-Q${q.quarter}`;

/** KPI → row version, as the page showed them (after the person's own save). */
export type SeenVersions = ReadonlyMap<number, number>;

type LockedValue = Awaited<ReturnType<typeof lockValues>>[number];
type MeasurementChange = Partial<typeof measurements.$inferInsert>;

/** Each step's audit action, written out: the audit test finds every action by its literal. */
const auditAction = {
	submit: 'measurement.submit',
	release: 'measurement.release',
	reopen: 'measurement.reopen',
	return: 'measurement.return'
} as const satisfies Record<Exclude<EntryAction, 'save'>, string>;

/**
 * The write every step ends with, in one place: the rows' new state and stamps, their version one
 * up (so a page that showed them before cannot claim them), and the step in the audit log.
 */
async function writeStep(
	tx: Tx,
	scope: Scope,
	action: keyof typeof auditAction,
	rows: LockedValue[],
	change: MeasurementChange,
	audit: Pick<AuditEntry, 'entity' | 'entityId' | 'before' | 'after'>
) {
	await tx
		.update(measurements)
		.set({ ...change, version: sql`${measurements.version} + 1` })
		.where(
			inArray(
				measurements.id,
				rows.map((r) => r.id)
			)
		);
	await recordAudit(tx, {
		userId: scope.userId,
		organisationId: scope.organisationId,
		action: auditAction[action],
		...audit
	});
}

/**
 * Submit and release: every value of the scorecard's quarter the action applies to, all or none.
 * The period has been checked by the caller. `change` is asked after the checks, so its stamps
 * are the write's time; `alsoStale` names further KPIs that make the page's view out of date.
 * Returns the rows it moved.
 */
async function stepQuarter(
	tx: Tx,
	scope: Scope,
	action: 'submit' | 'release',
	seen: SeenVersions,
	change: () => MeasurementChange,
	alsoStale: (due: LockedValue[]) => number[] = () => []
): Promise<LockedValue[]> {
	const rows = await lockValues(tx, scope.organisationId, scope.kpiIds, scope.quarter);
	const due = rows.filter((r) => allowedInState(action, r.state));
	if (due.length === 0) throw new EntryRefused('nothing_to_do');
	const stale = [...unseenChanges(seen, due), ...alsoStale(due)];
	if (stale.length) throw new EntryRefused('stale', stale);
	await writeStep(tx, scope, action, due, change(), {
		entity: 'quarter',
		entityId: `${scope.fieldId}/${periodLabel(scope.quarter)}`,
		after: { kpiIds: due.map((d) => d.kpiId) }
	});
	return due;
}

/** One value and why it is taken back, as the page showed it (`version`). */
type ValueStep = Scope & { kpiId: number; version: number; reason: string };

/**
 * Reopen and return: one value back to draft, with a reason the audit log keeps. `refuseFirst`
 * may refuse the row in words of its own before the workflow's rules are asked. Returns the row
 * as it was.
 */
async function stepValue(
	tx: Tx,
	scope: ValueStep,
	action: 'reopen' | 'return',
	change: (reason: string) => MeasurementChange,
	refuseFirst: (row: LockedValue) => void = () => {}
): Promise<LockedValue> {
	const period = await lockPeriod(tx, scope.fieldId, scope.quarter);
	const [row] = await lockValues(tx, scope.organisationId, [scope.kpiId], scope.quarter);
	if (!row || !scope.kpiIds.includes(scope.kpiId)) throw new EntryRefused('not_found');
	refuseFirst(row);
	const allowed = transition(row.state, action, { period, reason: scope.reason });
	if (!allowed.ok) throw new EntryRefused(allowed.reason);
	if (!claimHolds(scope.version, row)) throw new EntryRefused('stale', [scope.kpiId]);
	const reason = scope.reason.trim();
	await writeStep(tx, scope, action, [row], change(reason), {
		entity: 'measurement',
		entityId: `${scope.kpiId}/${periodLabel(scope.quarter)}`,
		before: { state: row.state, value: Number(row.value) },
		after: { state: 'draft', reason }
	});
	return row;
}

/**
 * Submits every draft of the scorecard's quarter at once. `blocking` lists rows the plausibility
 * rules do not let through (checked by the caller on the same rows); then nothing changes.
 * `seen` are the rows as the person saw them: a draft changed or added by someone else since
 * is not submitted unseen; the whole submission is refused instead.
 */
export function submitQuarter(
	db: Db,
	scope: Scope,
	blocking: number[],
	seen: SeenVersions
): Promise<TransitionResult> {
	return run(db, async (tx) => {
		requirePeriod('submit', await lockPeriod(tx, scope.fieldId, scope.quarter));
		if (blocking.length) throw new EntryRefused('not_allowed_in_state', blocking);
		const drafts = await stepQuarter(tx, scope, 'submit', seen, () => ({
			state: 'submitted',
			submittedBy: scope.userId,
			submittedAt: new Date(),
			// Submitted again after a return: the correction answers the reason.
			returnReason: null
		}));
		await notifySubmitted(tx, scope, drafts);
		return drafts.length;
	});
}

/**
 * Releases every submitted value of the scorecard's quarter to the ring. Allowed after the
 * quarter was closed too: approvers may come later than the deadline. `seen` are the submitted
 * values the approver was shown: one submitted or changed since is never released unseen, and
 * none is missing that the approver was told would be released.
 */
export function releaseQuarter(
	db: Db,
	scope: Scope,
	seen: SeenVersions
): Promise<TransitionResult> {
	return run(db, async (tx) => {
		requirePeriod('release', await lockPeriod(tx, scope.fieldId, scope.quarter));
		const released = await stepQuarter(
			tx,
			scope,
			'release',
			seen,
			() => ({ state: 'released', releasedBy: scope.userId, releasedAt: new Date() }),
			// The confirmation named what becomes visible: one of those returned since is refused too.
			(submitted) => [...seen.keys()].filter((kpiId) => !submitted.some((s) => s.kpiId === kpiId))
		);
		await notifyReleased(tx, scope, released);
		return released.length;
	});
}

/**
 * Takes one submitted or released value back to draft for a correction. Needs a reason, which
 * the audit log keeps; only while the quarter is open (a closed quarter is reopened first).
 * `version` is the value's version as the page showed it: a value changed since is not
 * reopened. A value that is a draft already says so (it can be edited as it is).
 */
export function reopenValue(db: Db, scope: ValueStep): Promise<TransitionResult> {
	return run(db, async (tx) => {
		await stepValue(
			tx,
			scope,
			'reopen',
			() => ({ state: 'draft', releasedAt: null, releasedBy: null }),
			// A draft can be edited as it is: said so in words of its own, not as a blocked state.
			(row) => {
				if (row.state === 'draft') throw new EntryRefused('already_draft');
			}
		);
		return 1;
	});
}

/**
 * The approver's review answer "not like this": one submitted value goes back to the controller
 * as a draft, with the reason shown in the grid and mailed to the city's controllers (in the same
 * transaction, so the mail goes only if the return is committed). `version` is the value's
 * version as the review page showed it.
 */
export function returnValue(db: Db, scope: ValueStep): Promise<TransitionResult> {
	return run(db, async (tx) => {
		const row = await stepValue(tx, scope, 'return', (reason) => ({
			state: 'draft',
			returnReason: reason,
			returnedBy: scope.userId,
			returnedAt: new Date()
		}));
		await notifyReturned(tx, { ...scope, reason: scope.reason.trim() }, [row]);
		return 1;
	});
}

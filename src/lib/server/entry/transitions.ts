import { and, eq, inArray, sql } from 'drizzle-orm';
import { measurements } from '../db/schema';
import type { Db, Tx } from '../db/types';
import { transactionOr } from '../db/refusal';
import { recordAudit } from '../auth/audit';
import type { Quarter } from '../../domain/period/quarter';
import { unseenChanges } from '../../domain/entry/write-target';
import { allowedInState, transition } from '../../domain/entry/workflow';
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
		const rows = await lockValues(tx, scope.organisationId, scope.kpiIds, scope.quarter);
		const drafts = rows.filter((r) => allowedInState('submit', r.state));
		if (drafts.length === 0) throw new EntryRefused('nothing_to_do');
		const unseen = unseenChanges(seen, drafts);
		if (unseen.length) throw new EntryRefused('stale', unseen);
		await tx
			.update(measurements)
			.set({
				state: 'submitted',
				submittedBy: scope.userId,
				submittedAt: new Date(),
				// Submitted again after a return: the correction answers the reason.
				returnReason: null,
				version: sql`${measurements.version} + 1`
			})
			.where(
				inArray(
					measurements.id,
					drafts.map((d) => d.id)
				)
			);
		await recordAudit(tx, {
			userId: scope.userId,
			organisationId: scope.organisationId,
			action: 'measurement.submit',
			entity: 'quarter',
			entityId: `${scope.fieldId}/${periodLabel(scope.quarter)}`,
			after: { kpiIds: drafts.map((d) => d.kpiId) }
		});
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
		const rows = await lockValues(tx, scope.organisationId, scope.kpiIds, scope.quarter);
		const submitted = rows.filter((r) => allowedInState('release', r.state));
		if (submitted.length === 0) throw new EntryRefused('nothing_to_do');
		const unseen = unseenChanges(seen, submitted);
		// The confirmation named what becomes visible: one of those returned since is refused too.
		const gone = [...seen.keys()].filter((kpiId) => !submitted.some((s) => s.kpiId === kpiId));
		if (unseen.length || gone.length) throw new EntryRefused('stale', [...unseen, ...gone]);
		const now = new Date();
		await tx
			.update(measurements)
			.set({
				state: 'released',
				releasedBy: scope.userId,
				releasedAt: now,
				version: sql`${measurements.version} + 1`
			})
			.where(
				inArray(
					measurements.id,
					submitted.map((d) => d.id)
				)
			);
		await recordAudit(tx, {
			userId: scope.userId,
			organisationId: scope.organisationId,
			action: 'measurement.release',
			entity: 'quarter',
			entityId: `${scope.fieldId}/${periodLabel(scope.quarter)}`,
			after: { kpiIds: submitted.map((d) => d.kpiId) }
		});
		await notifyReleased(tx, scope, submitted);
		return submitted.length;
	});
}

/**
 * Takes one submitted or released value back to draft for a correction. Needs a reason, which
 * the audit log keeps; only while the quarter is open (a closed quarter is reopened first).
 * `version` is the value's version as the page showed it: a value changed since is not
 * reopened. A value that is a draft already says so (it can be edited as it is).
 */
export function reopenValue(
	db: Db,
	scope: Scope & { kpiId: number; version: number; reason: string }
): Promise<TransitionResult> {
	return run(db, async (tx) => {
		const period = await lockPeriod(tx, scope.fieldId, scope.quarter);
		const [row] = await lockValues(tx, scope.organisationId, [scope.kpiId], scope.quarter);
		if (!row || !scope.kpiIds.includes(scope.kpiId)) throw new EntryRefused('not_found');
		// A draft can be edited as it is: said so in words of its own, not as a blocked state.
		if (row.state === 'draft') throw new EntryRefused('already_draft');
		const allowed = transition(row.state, 'reopen', { period, reason: scope.reason });
		if (!allowed.ok) throw new EntryRefused(allowed.reason);
		if (!claimHolds(scope.version, row)) throw new EntryRefused('stale', [scope.kpiId]);
		await tx
			.update(measurements)
			.set({
				state: 'draft',
				releasedAt: null,
				releasedBy: null,
				version: sql`${measurements.version} + 1`
			})
			.where(and(eq(measurements.id, row.id)));
		await recordAudit(tx, {
			userId: scope.userId,
			organisationId: scope.organisationId,
			action: 'measurement.reopen',
			entity: 'measurement',
			entityId: `${scope.kpiId}/${periodLabel(scope.quarter)}`,
			before: { state: row.state, value: Number(row.value) },
			after: { state: 'draft', reason: scope.reason.trim() }
		});
		return 1;
	});
}

/**
 * The approver's review answer "not like this": one submitted value goes back to the controller
 * as a draft, with the reason shown in the grid and mailed to the city's controllers (in the same
 * transaction, so the mail goes only if the return is committed). `version` is the value's
 * version as the review page showed it.
 */
export function returnValue(
	db: Db,
	scope: Scope & { kpiId: number; version: number; reason: string }
): Promise<TransitionResult> {
	return run(db, async (tx) => {
		const period = await lockPeriod(tx, scope.fieldId, scope.quarter);
		const [row] = await lockValues(tx, scope.organisationId, [scope.kpiId], scope.quarter);
		if (!row || !scope.kpiIds.includes(scope.kpiId)) throw new EntryRefused('not_found');
		const allowed = transition(row.state, 'return', { period, reason: scope.reason });
		if (!allowed.ok) throw new EntryRefused(allowed.reason);
		if (!claimHolds(scope.version, row)) throw new EntryRefused('stale', [scope.kpiId]);
		const reason = scope.reason.trim();
		await tx
			.update(measurements)
			.set({
				state: 'draft',
				returnReason: reason,
				returnedBy: scope.userId,
				returnedAt: new Date(),
				version: sql`${measurements.version} + 1`
			})
			.where(eq(measurements.id, row.id));
		await recordAudit(tx, {
			userId: scope.userId,
			organisationId: scope.organisationId,
			action: 'measurement.return',
			entity: 'measurement',
			entityId: `${scope.kpiId}/${periodLabel(scope.quarter)}`,
			before: { state: row.state, value: Number(row.value) },
			after: { state: 'draft', reason }
		});
		await notifyReturned(tx, { ...scope, reason }, [row]);
		return 1;
	});
}

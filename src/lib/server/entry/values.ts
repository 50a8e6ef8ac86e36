import { and, eq, inArray } from 'drizzle-orm';
import { measurements, reportingPeriods, users } from '../db/schema';
import type { Tx } from '../db/types';
import type { Quarter } from '../../domain/period/quarter';
import { Refusal } from '../db/refusal';
import {
	periodRefusal,
	type EntryAction,
	type PeriodState,
	type TransitionRefusal
} from '../../domain/entry/workflow';

export type EntryRefusal =
	| TransitionRefusal
	| 'not_found'
	| 'nothing_to_do'
	/** The rows the write would change are not those, at those versions, the page showed. */
	| 'stale'
	/** Reopening a value that is a draft already: there is nothing to reopen. */
	| 'already_draft';

export type EntryFailure = { ok: false; reason: EntryRefusal; detail: unknown };

/** Thrown inside an entry transaction to roll all of it back. */
export class EntryRefused extends Refusal<EntryFailure> {
	constructor(
		readonly reason: EntryRefusal,
		readonly detail: unknown = null
	) {
		super({ ok: false, reason, detail });
	}
}

/** The period row, locked for the transaction, so closing cannot interleave with a save. */
export async function lockPeriod(tx: Tx, fieldId: number, q: Quarter): Promise<PeriodState> {
	const [row] = await tx
		.select({ closedAt: reportingPeriods.closedAt })
		.from(reportingPeriods)
		.where(
			and(
				eq(reportingPeriods.fieldId, fieldId),
				eq(reportingPeriods.year, q.year),
				eq(reportingPeriods.quarter, q.quarter)
			)
		)
		.for('share');
	return !row ? 'missing' : row.closedAt ? 'closed' : 'open';
}

/** Refuses the action when the locked period does not allow it (the workflow's period rule). */
export function requirePeriod(action: EntryAction, state: PeriodState) {
	const refusal = periodRefusal(action, state);
	if (refusal) throw new EntryRefused(refusal);
}

/** The city's rows of the quarter for the given KPIs, locked against concurrent saves. */
export function lockValues(tx: Tx, organisationId: number, kpiIds: number[], q: Quarter) {
	return tx
		.select({
			id: measurements.id,
			kpiId: measurements.kpiId,
			value: measurements.value,
			state: measurements.state,
			comment: measurements.comment,
			version: measurements.version,
			updatedByName: users.displayName
		})
		.from(measurements)
		.leftJoin(users, eq(users.id, measurements.updatedBy))
		.where(
			and(
				eq(measurements.organisationId, organisationId),
				inArray(measurements.kpiId, kpiIds.length ? kpiIds : [-1]),
				eq(measurements.year, q.year),
				eq(measurements.quarter, q.quarter)
			)
		)
		.for('update', { of: measurements });
}

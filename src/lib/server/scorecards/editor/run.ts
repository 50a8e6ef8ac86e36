import type { Db, Tx } from '../../db/types';
import { claimScorecard } from './lock';
import { Refusal, transactionOr } from '../../db/refusal';

/** Why an edit was refused; the route turns each into a message next to the form. */
export type EditRefusal =
	| 'conflict'
	| 'not_found'
	| 'not_empty'
	| 'kpi_on_scorecard'
	| 'kpi_not_available'
	| 'code_taken'
	| 'last_perspective'
	| 'nothing_to_copy'
	| 'invalid_bands'
	| 'weights_uneven';

/** Thrown inside an edit to roll everything back and tell the user why. */
export class EditRefused extends Refusal<EditFailure> {
	constructor(
		readonly reason: EditRefusal,
		/** Details for the message, e.g. which band rules a target breaks. */
		readonly problems: string[] = []
	) {
		super({ ok: false, reason, problems });
	}
}

type EditFailure = { ok: false; reason: EditRefusal; problems: string[] };
export type EditResult<T> = { ok: true; value: T; version: number } | EditFailure;

/**
 * Runs one edit of a scorecard in one transaction: claim the version the form was read at
 * (optimistic locking, which also serialises concurrent edits of the same scorecard), apply the
 * change and its audit entry. A refusal or conflict rolls back all of it.
 */
export async function editScorecard<T>(
	db: Db,
	scorecardId: number,
	expectedVersion: number,
	change: (tx: Tx) => Promise<T>
): Promise<EditResult<T>> {
	const result = await transactionOr<
		EditFailure | { ok: false; reason: 'conflict' },
		EditResult<T>
	>(db, async (tx) => {
		const version = await claimScorecard(tx, scorecardId, expectedVersion);
		return { ok: true as const, value: await change(tx), version };
	});
	return result.ok ? result : { problems: [], ...result };
}

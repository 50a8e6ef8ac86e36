import { and, eq, sql } from 'drizzle-orm';
import { scorecards } from '../../db/schema';
import type { Tx } from '../../db/types';
import { Refusal } from '../../db/refusal';

/** Thrown inside a transaction to roll it back when someone else saved the scorecard first. */
export class ScorecardConflict extends Refusal<{ ok: false; reason: 'conflict' }> {
	constructor(readonly scorecardId: number) {
		super({ ok: false, reason: 'conflict' });
	}
}

/**
 * Optimistic locking for every edit of a scorecard's structure, targets and initiatives: the
 * form carries the version it was read at; the write bumps it only if nobody saved in between,
 * otherwise the whole transaction is rolled back and the user is asked to look again.
 */
export async function claimScorecard(
	tx: Tx,
	scorecardId: number,
	expectedVersion: number
): Promise<number> {
	const [row] = await tx
		.update(scorecards)
		.set({ version: sql`${scorecards.version} + 1`, updatedAt: new Date() })
		.where(and(eq(scorecards.id, scorecardId), eq(scorecards.version, expectedVersion)))
		.returning({ version: scorecards.version });
	if (!row) throw new ScorecardConflict(scorecardId);
	return row.version;
}

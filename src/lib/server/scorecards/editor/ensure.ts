import { and, eq, isNull } from 'drizzle-orm';
import { scorecards } from '../../db/schema';
import type { Db } from '../../db/types';
import type { EditorTarget } from './target';

/**
 * The scorecard row of the target, created at version 0 when the city has none yet, so the
 * first edit claims version 0 like any other (two people creating it at once: one conflicts).
 */
export async function ensureScorecard(db: Db, target: EditorTarget): Promise<number> {
	if (target.scorecardId !== null) return target.scorecardId;
	const organisationId = target.organisation?.id ?? null;
	await db
		.insert(scorecards)
		.values({ organisationId, fieldId: target.field.id, version: 0 })
		.onConflictDoNothing();
	const [row] = await db
		.select({ id: scorecards.id })
		.from(scorecards)
		.where(
			and(
				organisationId === null
					? isNull(scorecards.organisationId)
					: eq(scorecards.organisationId, organisationId),
				eq(scorecards.fieldId, target.field.id)
			)
		);
	if (!row) throw new Error('scorecard row vanished after insert');
	return row.id;
}

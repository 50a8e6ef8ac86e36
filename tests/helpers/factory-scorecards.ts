import { fieldParticipants, scorecards } from '../../src/lib/server/db/schema';
import type { DbOrTx } from '../../src/lib/server/db/types';
import { fieldBySlug } from './factories';

/**
 * A city's scorecard in a field that it has opened but not built yet: no perspectives, no KPIs
 * (what a city holds between "take part" and its first edit). The city joins the field.
 */
export async function createEmptyScorecard(
	db: DbOrTx,
	fields: { organisationId: number; field: string }
) {
	const field = await fieldBySlug(db, fields.field);
	await db
		.insert(fieldParticipants)
		.values({ fieldId: field.id, organisationId: fields.organisationId })
		.onConflictDoNothing();
	const [card] = await db
		.insert(scorecards)
		.values({ organisationId: fields.organisationId, fieldId: field.id })
		.returning();
	return card!;
}

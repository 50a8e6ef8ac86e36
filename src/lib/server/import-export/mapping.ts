import { eq, sql } from 'drizzle-orm';
import { importMappings } from '../db/schema';
import type { DbOrTx } from '../db/types';
import { columnTargets, type SavedMapping } from '../../domain/delivery/columns';

/** The column mapping the city's controllers chose last time; {} when none. */
export async function loadMapping(db: DbOrTx, organisationId: number): Promise<SavedMapping> {
	const [row] = await db
		.select({ mapping: importMappings.mapping })
		.from(importMappings)
		.where(eq(importMappings.organisationId, organisationId));
	const saved: SavedMapping = {};
	// Stored JSON is checked on the way out: only known targets are used.
	for (const [header, target] of Object.entries(row?.mapping ?? {})) {
		if ((columnTargets as readonly string[]).includes(target)) {
			saved[header] = target as SavedMapping[string];
		}
	}
	return saved;
}

/** Adds the user's choices to the city's mapping (later choices for a header win). */
export async function rememberMapping(
	db: DbOrTx,
	organisationId: number,
	choices: SavedMapping
): Promise<SavedMapping> {
	const merged = { ...(await loadMapping(db, organisationId)), ...choices };
	await db
		.insert(importMappings)
		.values({ organisationId, mapping: merged })
		.onConflictDoUpdate({
			target: importMappings.organisationId,
			set: { mapping: merged, updatedAt: sql`now()` }
		});
	return merged;
}

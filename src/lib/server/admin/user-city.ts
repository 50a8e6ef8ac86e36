import { eq } from 'drizzle-orm';
import { roleAssignments } from '../db/schema';
import type { DbOrTx } from '../db/types';

/** The one city a user's roles name, if exactly one: audit entries about the user go to that city. */
export async function cityOfUser(db: DbOrTx, userId: number): Promise<number | null> {
	const rows = await db
		.select({ organisationId: roleAssignments.organisationId })
		.from(roleAssignments)
		.where(eq(roleAssignments.userId, userId));
	const cities = new Set(rows.flatMap((r) => r.organisationId ?? []));
	return cities.size === 1 ? [...cities][0]! : null;
}

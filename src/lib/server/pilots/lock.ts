import { and, eq, sql } from 'drizzle-orm';
import { pilots } from '../db/schema';
import type { Tx } from '../db/types';

/** The pilot row, locked for the rest of the transaction; null when not in this field. */
export async function lockPilot(tx: Tx, fieldId: number, pilotId: number) {
	const [row] = await tx
		.select({
			id: pilots.id,
			version: pilots.version,
			title: pilots.title,
			allocationKey: pilots.allocationKey,
			startsOn: pilots.startsOn,
			endsOn: pilots.endsOn,
			baseYear: pilots.baseYear,
			discountRatePercent: pilots.discountRatePercent
		})
		.from(pilots)
		.where(and(eq(pilots.id, pilotId), eq(pilots.fieldId, fieldId)))
		.for('update');
	return row ?? null;
}

/** Every write bumps the version, so a form read before it is refused as stale. */
export const bumpPilotVersion = (tx: Tx, pilotId: number) =>
	tx
		.update(pilots)
		.set({ version: sql`${pilots.version} + 1`, updatedAt: new Date() })
		.where(eq(pilots.id, pilotId));

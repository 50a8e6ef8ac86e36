import { eq } from 'drizzle-orm';
import { cooperationFields } from '../db/schema';
import type { Db, DbOrTx } from '../db/types';
import { recordAudit } from '../auth/audit';

export async function reminderDaysOf(db: DbOrTx, fieldId: number): Promise<number> {
	const [row] = await db
		.select({ days: cooperationFields.reminderDaysBefore })
		.from(cooperationFields)
		.where(eq(cooperationFields.id, fieldId));
	return row?.days ?? 7;
}

export async function setReminderDays(
	db: Db,
	input: { actorUserId: number; fieldId: number; days: number }
): Promise<void> {
	await db.transaction(async (tx) => {
		const before = await reminderDaysOf(tx, input.fieldId);
		await tx
			.update(cooperationFields)
			.set({ reminderDaysBefore: input.days })
			.where(eq(cooperationFields.id, input.fieldId));
		await recordAudit(tx, {
			userId: input.actorUserId,
			action: 'field.reminder_days',
			entity: 'cooperation_field',
			entityId: String(input.fieldId),
			before: { days: before },
			after: { days: input.days }
		});
	});
}

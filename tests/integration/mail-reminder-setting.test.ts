import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cooperationFields, mailOutbox, users } from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/db/seed';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { enqueueDueNotices } from '../../src/lib/server/mail/due-notices';
import { reminderDaysOf, setReminderDays } from '../../src/lib/server/mail/field-setting';
import { createTestDatabase } from '../helpers/test-database';

/** The field lead's setting "N days before the deadline" decides when reminders are queued. */
describe('reminder days per field', () => {
	let handle: DatabaseHandle;
	let archive: number;
	beforeAll(async () => {
		handle = await createTestDatabase();
		await seedDatabase(handle.db, { demo: true });
		const [field] = await handle.db
			.select({ id: cooperationFields.id })
			.from(cooperationFields)
			.where(eq(cooperationFields.slug, 'archivierung'));
		archive = field!.id;
	});
	afterAll(() => handle.close());

	/** The queued reminders' subject keys ("org/field/2026-Q3/deadline") of the archive field. */
	const archiveReminders = async () =>
		(await handle.db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'reminder'))).filter(
			(r) => r.subjectKey.split('/')[1] === String(archive)
		);

	it('defaults to 7 days and follows a changed setting', async () => {
		expect(await reminderDaysOf(handle.db, archive)).toBe(7);
		const [admin] = await handle.db
			.select({ id: users.id })
			.from(users)
			.where(eq(users.email, 'admin@demo.ikz-nrw.de'));
		await setReminderDays(handle.db, { actorUserId: admin!.id, fieldId: archive, days: 3 });

		// Six days before the 30 November deadline: other fields (7 days) remind, this one not yet.
		await enqueueDueNotices(handle.db, new Date('2026-11-24T09:00:00Z'));
		const all = await handle.db.select().from(mailOutbox);
		expect(all.length).toBeGreaterThan(0);
		expect(await archiveReminders()).toHaveLength(0);

		// Three days before: now it does.
		await enqueueDueNotices(handle.db, new Date('2026-11-27T09:00:00Z'));
		expect((await archiveReminders()).length).toBeGreaterThan(0);
	});
});

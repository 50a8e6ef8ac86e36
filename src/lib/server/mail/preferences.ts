import { eq } from 'drizzle-orm';
import { users } from '../db/schema';
import type { Db } from '../db/types';
import { recordAudit } from '../auth/audit';
import { mailKinds, type MailKind } from '../../domain/mail/kinds';
import type { AppLocale } from '../../format/number';
import { optOutsOf, setOptOuts } from './recipients';

export interface MailPreferences {
	locale: AppLocale;
	/** The kinds the person receives; every kind is on unless turned off. */
	on: MailKind[];
}

export async function loadMailPreferences(db: Db, userId: number): Promise<MailPreferences> {
	const [user] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
	const off = new Set(await optOutsOf(db, userId));
	return {
		locale: user?.locale === 'en' ? 'en' : 'de',
		on: mailKinds.filter((k) => !off.has(k))
	};
}

/** Saves language and kinds in one transaction, with an audit entry of what is now off. */
export async function saveMailPreferences(db: Db, userId: number, prefs: MailPreferences) {
	const off = mailKinds.filter((k) => !prefs.on.includes(k));
	await db.transaction(async (tx) => {
		await tx.update(users).set({ locale: prefs.locale }).where(eq(users.id, userId));
		await setOptOuts(tx, userId, off);
		await recordAudit(tx, {
			userId,
			action: 'account.mail_preferences',
			entity: 'user',
			entityId: String(userId),
			after: { locale: prefs.locale, off }
		});
	});
}

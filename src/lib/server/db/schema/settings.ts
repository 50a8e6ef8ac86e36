import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Facts about this installation, e.g. whether it holds demo data (shown as a banner). */
export const appSettings = pgTable('app_settings', {
	key: text().primaryKey(),
	value: text().notNull(),
	updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
});

import { sql } from 'drizzle-orm';
import { check, date, integer, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';
import { organisations } from './organisations';

/** Kooperationsfeld, led by one member (Federführung); the lead may be unpublished. */
export const cooperationFields = pgTable(
	'cooperation_fields',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		slug: text().notNull().unique(),
		nameDe: text().notNull(),
		nameEn: text().notNull(),
		descriptionDe: text().notNull().default(''),
		descriptionEn: text().notNull().default(''),
		leadOrganisationId: integer().references(() => organisations.id, { onDelete: 'set null' }),
		sortOrder: smallint().notNull().default(0),
		/** Days before a quarter's deadline on which controllers with open values get a reminder. */
		reminderDaysBefore: smallint().notNull().default(7)
	},
	(t) => [
		check('cooperation_fields_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
		check('cooperation_fields_reminder_days', sql`${t.reminderDaysBefore} between 0 and 60`)
	]
);

export const fieldParticipants = pgTable(
	'field_participants',
	{
		fieldId: integer()
			.notNull()
			.references(() => cooperationFields.id, { onDelete: 'cascade' }),
		organisationId: integer()
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		joinedOn: date({ mode: 'string' })
	},
	(t) => [primaryKey({ columns: [t.fieldId, t.organisationId] })]
);

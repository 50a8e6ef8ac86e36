import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	date,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp
} from 'drizzle-orm/pg-core';
import { organisationKind } from './enums';

export const organisations = pgTable(
	'organisations',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		/** Amtlicher Gemeindeschlüssel: 8 digits; associations have none. */
		ags: text().unique(),
		kind: organisationKind().notNull(),
		name: text().notNull(),
		slug: text().notNull().unique(),
		contactEmail: text(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('organisations_ags_format', sql`${t.ags} ~ '^[0-9]{8}$'`),
		check('organisations_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
		check('organisations_city_has_ags', sql`${t.kind} = 'association' or ${t.ags} is not null`)
	]
);

/** Inhabitants per reference date: the denominator for per-inhabitant values. */
export const populations = pgTable(
	'populations',
	{
		organisationId: integer()
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		referenceDate: date({ mode: 'string' }).notNull(),
		inhabitants: integer().notNull(),
		/** e.g. "Zensus 2022" or "Fortschreibung auf Basis Zensus 2011". */
		source: text().notNull(),
		isEstimate: boolean().notNull().default(false)
	},
	(t) => [
		primaryKey({ columns: [t.organisationId, t.referenceDate] }),
		check('populations_positive', sql`${t.inhabitants} > 0`)
	]
);

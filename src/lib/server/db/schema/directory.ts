import { sql } from 'drizzle-orm';
import {
	check,
	date,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp
} from 'drizzle-orm/pg-core';
import { users } from './accounts';

/**
 * The official directory of NRW (reference data, not members): every Kreis and municipality,
 * whether or not it takes part. Membership lives in `organisations`, linked by the AGS, so a
 * municipality outside the ring appears in no list, comparison or completeness view.
 */
export const kreise = pgTable(
	'kreise',
	{
		/** First five digits of the AGS (Kreisschlüssel). */
		ags5: text().primaryKey(),
		name: text().notNull(),
		/** 'kreis', 'kreisfreie_stadt' or 'staedteregion'. */
		kind: text().notNull()
	},
	(t) => [
		check('kreise_ags5_format', sql`${t.ags5} ~ '^05[0-9]{3}$'`),
		check('kreise_kind', sql`${t.kind} in ('kreis', 'kreisfreie_stadt', 'staedteregion')`)
	]
);

export const municipalities = pgTable(
	'municipalities',
	{
		/** Amtlicher Gemeindeschlüssel, 8 digits. */
		ags: text().primaryKey(),
		name: text().notNull(),
		/** Unique URL name, used for the organisation when the municipality joins. */
		slug: text().notNull().unique(),
		kreisAgs5: text()
			.notNull()
			.references(() => kreise.ags5, { onDelete: 'restrict' }),
		regierungsbezirk: text().notNull()
	},
	(t) => [
		check('municipalities_ags_format', sql`${t.ags} ~ '^05[0-9]{6}$'`),
		check('municipalities_kreis_prefix', sql`left(${t.ags}, 5) = ${t.kreisAgs5}`),
		index('municipalities_name_idx').on(sql`lower(${t.name})`)
	]
);

/**
 * Official inhabitants per municipality and reference date (versioned: a newer figure is a new
 * row, a correction for the same date replaces the figure). Members' denominators in
 * `populations` are kept in step with these rows by the directory module.
 */
export const municipalityPopulations = pgTable(
	'municipality_populations',
	{
		ags: text()
			.notNull()
			.references(() => municipalities.ags, { onDelete: 'cascade' }),
		referenceDate: date({ mode: 'string' }).notNull(),
		inhabitants: integer().notNull(),
		source: text().notNull(),
		loadedBy: integer().references(() => users.id, { onDelete: 'set null' }),
		loadedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.ags, t.referenceDate] }),
		check('municipality_populations_positive', sql`${t.inhabitants} > 0`)
	]
);

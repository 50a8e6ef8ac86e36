import { sql } from 'drizzle-orm';
import {
	check,
	index,
	integer,
	pgEnum,
	pgTable,
	smallint,
	text,
	timestamp
} from 'drizzle-orm/pg-core';
import { factorKinds, noteKinds } from '../../../domain/exchange/kinds';
import { users } from './accounts';
import { kpis } from './catalogue';
import { organisations } from './organisations';
import { pilots } from './pilots';

export const exchangeNoteKind = pgEnum('exchange_note_kind', noteKinds);
export const valueFactorKind = pgEnum('value_factor_kind', factorKinds);

/**
 * A comment or lesson learned on a pilot or on one KPI value. The value is named by its natural
 * key (city, KPI, quarter), not by the measurement row, so a note survives the value being
 * corrected; its visibility is the value's and is decided by joining the measurement (decision 0014).
 */
export const exchangeNotes = pgTable(
	'exchange_notes',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		pilotId: integer().references(() => pilots.id, { onDelete: 'cascade' }),
		organisationId: integer().references(() => organisations.id, { onDelete: 'cascade' }),
		kpiId: integer().references(() => kpis.id, { onDelete: 'cascade' }),
		year: smallint(),
		quarter: smallint(),
		kind: exchangeNoteKind().notNull().default('comment'),
		body: text().notNull(),
		authorUserId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'restrict' }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		/** Optimistic locking: an edit names the version it read. */
		version: integer().notNull().default(1)
	},
	(t) => [
		index('exchange_notes_pilot_idx').on(t.pilotId, t.createdAt),
		index('exchange_notes_value_idx').on(t.organisationId, t.kpiId, t.year, t.quarter),
		index('exchange_notes_kpi_period_idx').on(t.kpiId, t.year, t.quarter),
		check(
			'exchange_notes_one_target',
			sql`(${t.pilotId} is not null and ${t.organisationId} is null and ${t.kpiId} is null and ${t.year} is null and ${t.quarter} is null)
			or (${t.pilotId} is null and ${t.organisationId} is not null and ${t.kpiId} is not null and ${t.year} is not null and ${t.quarter} is not null)`
		),
		check('exchange_notes_body_length', sql`char_length(${t.body}) between 1 and 4000`),
		check('exchange_notes_year_range', sql`${t.year} between 2000 and 2100`),
		check('exchange_notes_quarter_range', sql`${t.quarter} between 1 and 4`)
	]
);

/** Every earlier wording of a note: who wrote it and when; the note row holds the current one. */
export const exchangeNoteRevisions = pgTable(
	'exchange_note_revisions',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		noteId: integer()
			.notNull()
			.references(() => exchangeNotes.id, { onDelete: 'cascade' }),
		kind: exchangeNoteKind().notNull(),
		body: text().notNull(),
		writtenByUserId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'restrict' }),
		/** When this wording was written (the note's updated_at before the edit replaced it). */
		writtenAt: timestamp({ withTimezone: true }).notNull(),
		replacedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('exchange_note_revisions_note_idx').on(t.noteId, t.writtenAt)]
);

/** An influencing factor recorded with one KPI value (outsourcing, case mix, one-off effect …). */
export const valueFactors = pgTable(
	'value_factors',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		organisationId: integer()
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		kpiId: integer()
			.notNull()
			.references(() => kpis.id, { onDelete: 'cascade' }),
		year: smallint().notNull(),
		quarter: smallint().notNull(),
		kind: valueFactorKind().notNull(),
		explanation: text().notNull(),
		/** Free text such as "about +3 days"; an estimate, so not a number. */
		estimatedEffect: text().notNull().default(''),
		createdByUserId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'restrict' }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('value_factors_value_idx').on(t.organisationId, t.kpiId, t.year, t.quarter),
		index('value_factors_kpi_period_idx').on(t.kpiId, t.year, t.quarter),
		check('value_factors_explanation_length', sql`char_length(${t.explanation}) between 1 and 500`),
		check('value_factors_effect_length', sql`char_length(${t.estimatedEffect}) <= 200`),
		check('value_factors_year_range', sql`${t.year} between 2000 and 2100`),
		check('value_factors_quarter_range', sql`${t.quarter} between 1 and 4`)
	]
);

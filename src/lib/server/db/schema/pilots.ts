import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	date,
	index,
	integer,
	numeric,
	pgTable,
	primaryKey,
	smallint,
	text,
	timestamp
} from 'drizzle-orm/pg-core';
import { pilotLineKind, pilotScenario, pilotStatus } from './enums';
import { cooperationFields } from './fields';
import { organisations } from './organisations';

/** A pilot project of a cooperation field; its economics are appraised after the WiBe method. */
export const pilots = pgTable(
	'pilots',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		fieldId: integer()
			.notNull()
			.references(() => cooperationFields.id, { onDelete: 'restrict' }),
		leadOrganisationId: integer()
			.notNull()
			.references(() => organisations.id, { onDelete: 'restrict' }),
		title: text().notNull(),
		description: text().notNull().default(''),
		status: pilotStatus().notNull().default('idea'),
		startsOn: date({ mode: 'string' }),
		endsOn: date({ mode: 'string' }),
		version: integer().notNull().default(1),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('pilots_field_idx').on(t.fieldId),
		check('pilots_dates', sql`${t.endsOn} >= ${t.startsOn}`)
	]
);

export const pilotPartners = pgTable(
	'pilot_partners',
	{
		pilotId: integer()
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		organisationId: integer()
			.notNull()
			.references(() => organisations.id, { onDelete: 'restrict' }),
		/** Fixed allocation share in percent, when the pilot allocates by fixed percentages. */
		sharePercent: numeric({ precision: 5, scale: 2 })
	},
	(t) => [
		primaryKey({ columns: [t.pilotId, t.organisationId] }),
		check('pilot_partners_share_range', sql`${t.sharePercent} between 0 and 100`)
	]
);

/** Yearly planned or actual cost/benefit figure in euro. */
export const pilotLines = pgTable(
	'pilot_lines',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		pilotId: integer()
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		year: smallint().notNull(),
		kind: pilotLineKind().notNull(),
		scenario: pilotScenario().notNull(),
		label: text().notNull().default(''),
		amountEuro: numeric({ precision: 14, scale: 2 }).notNull(),
		/** haushaltswirksam: affects the budget, or only a non-monetary/indirect effect. */
		budgetRelevant: boolean().notNull().default(true)
	},
	(t) => [
		index('pilot_lines_pilot_idx').on(t.pilotId, t.scenario, t.year),
		check('pilot_lines_year_range', sql`${t.year} between 2000 and 2100`),
		check('pilot_lines_amount_non_negative', sql`${t.amountEuro} >= 0`)
	]
);

import { sql } from 'drizzle-orm';
import {
	check,
	date,
	index,
	integer,
	numeric,
	pgTable,
	primaryKey,
	smallint,
	text,
	timestamp,
	unique
} from 'drizzle-orm/pg-core';
import { initiativeStatus } from './enums';
import { cooperationFields } from './fields';
import { kpis } from './catalogue';
import { organisations } from './organisations';
import { thresholdChecks, thresholdColumns } from './columns';

/**
 * One Balanced Scorecard per city and cooperation field. The row without an organisation is the
 * field's template, maintained by the field lead, that a city adopts in one step.
 */
export const scorecards = pgTable(
	'scorecards',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		organisationId: integer().references(() => organisations.id, { onDelete: 'restrict' }),
		fieldId: integer()
			.notNull()
			.references(() => cooperationFields.id, { onDelete: 'restrict' }),
		mission: text().notNull().default(''),
		/** Optimistic locking: every write bumps it and checks the one it read. */
		version: integer().notNull().default(1),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		unique('scorecards_org_field_unique').on(t.organisationId, t.fieldId).nullsNotDistinct(),
		index('scorecards_field_idx').on(t.fieldId)
	]
);

/** Perspectives in display order; default ones carry a key, custom ones none. */
export const perspectives = pgTable(
	'perspectives',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		scorecardId: integer()
			.notNull()
			.references(() => scorecards.id, { onDelete: 'cascade' }),
		key: text(),
		nameDe: text().notNull(),
		nameEn: text().notNull(),
		sortOrder: smallint().notNull()
	},
	(t) => [
		index('perspectives_scorecard_idx').on(t.scorecardId, t.sortOrder),
		unique('perspectives_key_unique').on(t.scorecardId, t.key)
	]
);

export const objectives = pgTable(
	'objectives',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		perspectiveId: integer()
			.notNull()
			.references(() => perspectives.id, { onDelete: 'cascade' }),
		title: text().notNull(),
		description: text().notNull().default(''),
		owner: text().notNull().default(''),
		sortOrder: smallint().notNull()
	},
	(t) => [index('objectives_perspective_idx').on(t.perspectiveId, t.sortOrder)]
);

/** Cause–effect links of the strategy map. */
export const objectiveLinks = pgTable(
	'objective_links',
	{
		fromObjectiveId: integer()
			.notNull()
			.references(() => objectives.id, { onDelete: 'cascade' }),
		toObjectiveId: integer()
			.notNull()
			.references(() => objectives.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.fromObjectiveId, t.toObjectiveId] }),
		check('objective_links_no_self', sql`${t.fromObjectiveId} <> ${t.toObjectiveId}`)
	]
);

/** A KPI measured for an objective: shared (comparable) or local, with its weight in the roll-up. */
export const scorecardKpis = pgTable(
	'scorecard_kpis',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		objectiveId: integer()
			.notNull()
			.references(() => objectives.id, { onDelete: 'cascade' }),
		kpiId: integer()
			.notNull()
			.references(() => kpis.id, { onDelete: 'restrict' }),
		weight: numeric({ precision: 6, scale: 2 }).notNull().default('1'),
		sortOrder: smallint().notNull(),
		/** Removed from the scorecard while the city has values for it: kept, hidden, restorable. */
		archivedAt: timestamp({ withTimezone: true })
	},
	(t) => [
		unique('scorecard_kpis_unique').on(t.objectiveId, t.kpiId),
		index('scorecard_kpis_kpi_idx').on(t.kpiId),
		check('scorecard_kpis_weight_positive', sql`${t.weight} > 0`)
	]
);

/** Yearly target of a scorecard KPI with its status bands; overrides the field's common target. */
export const targets = pgTable(
	'targets',
	{
		scorecardKpiId: integer()
			.notNull()
			.references(() => scorecardKpis.id, { onDelete: 'cascade' }),
		year: smallint().notNull(),
		...thresholdColumns()
	},
	(t) => [
		primaryKey({ columns: [t.scorecardKpiId, t.year] }),
		check('targets_year_range', sql`${t.year} between 2000 and 2100`),
		...thresholdChecks('targets', t)
	]
);

export const initiatives = pgTable(
	'initiatives',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		objectiveId: integer()
			.notNull()
			.references(() => objectives.id, { onDelete: 'cascade' }),
		title: text().notNull(),
		owner: text().notNull().default(''),
		startsOn: date({ mode: 'string' }),
		endsOn: date({ mode: 'string' }),
		status: initiativeStatus().notNull().default('planned'),
		notes: text().notNull().default('')
	},
	(t) => [
		index('initiatives_objective_idx').on(t.objectiveId),
		check('initiatives_dates', sql`${t.endsOn} >= ${t.startsOn}`)
	]
);

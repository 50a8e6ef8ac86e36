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
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import {
	pilotAllocationKey,
	pilotGateCriterion,
	pilotGateDecision,
	pilotLineKind,
	pilotScenario,
	pilotStatus
} from './enums';
import { cooperationFields } from './fields';
import { organisations } from './organisations';
import { kpis } from './catalogue';
import { users } from './accounts';

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
		/** How costs and benefits are split among the partner cities. */
		allocationKey: pilotAllocationKey().notNull().default('equal'),
		/** WiBe discount rate in percent; the federal guidance allows −5 %…+20 % here. */
		discountRatePercent: numeric({ precision: 5, scale: 2 }).notNull().default('3.00'),
		/** Year the net present value is discounted to; null = the start year. */
		baseYear: smallint(),
		version: integer().notNull().default(1),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('pilots_field_idx').on(t.fieldId),
		uniqueIndex('pilots_field_title_unique').on(t.fieldId, t.title),
		check('pilots_dates', sql`${t.endsOn} >= ${t.startsOn}`),
		check('pilots_rate_range', sql`${t.discountRatePercent} between -5 and 20`)
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
		sharePercent: numeric({ precision: 5, scale: 2 }),
		/** Cases a year, when the pilot allocates per case. */
		caseCount: integer()
	},
	(t) => [
		primaryKey({ columns: [t.pilotId, t.organisationId] }),
		check('pilot_partners_share_range', sql`${t.sharePercent} between 0 and 100`),
		check('pilot_partners_cases_non_negative', sql`${t.caseCount} >= 0`)
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

/** The KPIs a pilot is meant to move, with the expected effect (e.g. −20 % processing days). */
export const pilotKpis = pgTable(
	'pilot_kpis',
	{
		pilotId: integer()
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		kpiId: integer()
			.notNull()
			.references(() => kpis.id, { onDelete: 'restrict' }),
		expectedChangePercent: numeric({ precision: 6, scale: 2 }),
		note: text().notNull().default('')
	},
	(t) => [primaryKey({ columns: [t.pilotId, t.kpiId] })]
);

/** Working-group gate decisions: append-only, the latest per criterion is the current one. */
export const pilotGates = pgTable(
	'pilot_gates',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		pilotId: integer()
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		criterion: pilotGateCriterion().notNull(),
		rating: smallint().notNull(),
		evidence: text().notNull().default(''),
		decision: pilotGateDecision().notNull(),
		decidedOn: date({ mode: 'string' }).notNull(),
		decidedByUserId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'restrict' }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('pilot_gates_pilot_idx').on(t.pilotId, t.createdAt),
		check('pilot_gates_rating_range', sql`${t.rating} between 0 and 10`)
	]
);

/** Qualitative-strategic criteria of a field; weights of a field sum to 100 (checked in the app). */
export const strategicCriteria = pgTable(
	'strategic_criteria',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		fieldId: integer()
			.notNull()
			.references(() => cooperationFields.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		weight: smallint().notNull(),
		sortOrder: smallint().notNull().default(0)
	},
	(t) => [
		uniqueIndex('strategic_criteria_field_name_unique').on(t.fieldId, t.name),
		check('strategic_criteria_weight_range', sql`${t.weight} between 0 and 100`)
	]
);

export const pilotCriterionScores = pgTable(
	'pilot_criterion_scores',
	{
		pilotId: integer()
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		criterionId: integer()
			.notNull()
			.references(() => strategicCriteria.id, { onDelete: 'cascade' }),
		points: smallint().notNull()
	},
	(t) => [
		primaryKey({ columns: [t.pilotId, t.criterionId] }),
		check('pilot_criterion_scores_points_range', sql`${t.points} between 0 and 10`)
	]
);

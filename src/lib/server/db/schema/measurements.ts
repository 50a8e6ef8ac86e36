import { sql } from 'drizzle-orm';
import {
	bigint,
	check,
	index,
	integer,
	pgTable,
	smallint,
	text,
	timestamp,
	unique
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { kpis, kpiVersions } from './catalogue';
import { kpiNumeric, periodChecks } from './columns';
import { measurementState } from './enums';
import { organisations } from './organisations';

/**
 * One value of one KPI for one organisation and quarter. The unique key (organisation, kpi,
 * year, quarter) is also the index for one city's series; (kpi, year, quarter) serves the
 * comparison of all cities in one quarter. Both are single index range reads at NRW scale.
 */
export const measurements = pgTable(
	'measurements',
	{
		id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		organisationId: integer()
			.notNull()
			.references(() => organisations.id, { onDelete: 'restrict' }),
		kpiId: integer()
			.notNull()
			.references(() => kpis.id, { onDelete: 'restrict' }),
		/** The definition the value was entered under; a later definition change does not move it. */
		kpiVersionId: integer()
			.notNull()
			.references(() => kpiVersions.id, { onDelete: 'restrict' }),
		year: smallint().notNull(),
		quarter: smallint().notNull(),
		value: kpiNumeric().notNull(),
		/** Number of cases, for KPIs defined per case. */
		caseCount: kpiNumeric(),
		state: measurementState().notNull().default('draft'),
		comment: text().notNull().default(''),
		/** Optimistic locking: a save names the version it read and fails if it changed. */
		version: integer().notNull().default(1),
		updatedBy: integer().references(() => users.id, { onDelete: 'set null' }),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		submittedBy: integer().references(() => users.id, { onDelete: 'set null' }),
		submittedAt: timestamp({ withTimezone: true }),
		releasedBy: integer().references(() => users.id, { onDelete: 'set null' }),
		releasedAt: timestamp({ withTimezone: true }),
		/**
		 * Why the approver returned the value for a correction (a draft again); cleared when it is
		 * submitted again. The audit log keeps every reason.
		 */
		returnReason: text(),
		returnedBy: integer().references(() => users.id, { onDelete: 'set null' }),
		returnedAt: timestamp({ withTimezone: true })
	},
	(t) => [
		unique('measurements_org_kpi_period_unique').on(t.organisationId, t.kpiId, t.year, t.quarter),
		// Every cross-city read (comparison, heatmap, trend, ring median) asks for one KPI's values
		// in a quarter range: the columns they read ride along, so a trend of 396 cities × 40
		// quarters reads the index only (no heap visit per row). The comment stays out: a long
		// one could exceed a B-tree entry.
		index('measurements_kpi_period_idx').on(
			t.kpiId,
			t.year,
			t.quarter,
			t.organisationId,
			t.state,
			t.kpiVersionId,
			t.value
		),
		...periodChecks('measurements', t.year, t.quarter),
		check('measurements_case_count_positive', sql`${t.caseCount} > 0`),
		check(
			'measurements_released_has_time',
			sql`${t.state} <> 'released' or ${t.releasedAt} is not null`
		)
	]
);

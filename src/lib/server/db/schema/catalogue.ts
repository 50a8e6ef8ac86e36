import { sql } from 'drizzle-orm';
import {
	check,
	index,
	integer,
	pgTable,
	smallint,
	text,
	timestamp,
	unique
} from 'drizzle-orm/pg-core';
import { kpiAggregation, kpiDenominator, kpiPolarity, kpiUnit } from './enums';
import { cooperationFields } from './fields';
import { organisations } from './organisations';
import { periodChecks, thresholdChecks, thresholdColumns } from './columns';

/**
 * The stable identity of a KPI. Shared KPIs (no owner) belong to the field's catalogue and are
 * comparable across cities; local KPIs belong to one city and are never compared.
 */
export const kpis = pgTable(
	'kpis',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		fieldId: integer()
			.notNull()
			.references(() => cooperationFields.id, { onDelete: 'restrict' }),
		ownerOrganisationId: integer().references(() => organisations.id, { onDelete: 'restrict' }),
		code: text().notNull(),
		sortOrder: smallint().notNull().default(0),
		/** KPIs with values are archived, never deleted. */
		archivedAt: timestamp({ withTimezone: true }),
		/** Optimistic locking of the definition ("Steckbrief"): every edit bumps it. */
		version: integer().notNull().default(1)
	},
	(t) => [
		unique('kpis_code_unique').on(t.fieldId, t.ownerOrganisationId, t.code).nullsNotDistinct(),
		check('kpis_code_format', sql`${t.code} ~ '^[A-Z0-9][A-Z0-9._-]{0,31}$'`)
	]
);

/**
 * One meaning of a KPI ("Kennzahlen-Steckbrief"), valid from a quarter on. A changed meaning is
 * a new version, so series can mark the break; values keep the version they were entered under.
 */
export const kpiVersions = pgTable(
	'kpi_versions',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		kpiId: integer()
			.notNull()
			.references(() => kpis.id, { onDelete: 'restrict' }),
		validFromYear: smallint().notNull(),
		validFromQuarter: smallint().notNull(),
		nameDe: text().notNull(),
		nameEn: text().notNull(),
		definitionDe: text().notNull(),
		definitionEn: text().notNull(),
		unit: kpiUnit().notNull(),
		decimals: smallint().notNull().default(1),
		polarity: kpiPolarity().notNull(),
		aggregation: kpiAggregation().notNull(),
		denominator: kpiDenominator().notNull().default('none'),
		source: text().notNull().default(''),
		/** Largest plausible change against the previous quarter, in percent; null: no check. */
		plausibleChangePercent: smallint(),
		/** The field's common target, if it agreed one (e.g. D115: 75 % within 30 s). */
		...thresholdColumns(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		unique('kpi_versions_valid_from_unique').on(t.kpiId, t.validFromYear, t.validFromQuarter),
		index('kpi_versions_kpi_idx').on(t.kpiId),
		check('kpi_versions_decimals', sql`${t.decimals} between 0 and 4`),
		check('kpi_versions_plausible_change', sql`${t.plausibleChangePercent} > 0`),
		...periodChecks('kpi_versions', t.validFromYear, t.validFromQuarter),
		...thresholdChecks('kpi_versions', t)
	]
);

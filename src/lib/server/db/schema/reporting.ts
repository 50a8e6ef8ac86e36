import { sql } from 'drizzle-orm';
import {
	check,
	customType,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	smallint,
	text,
	timestamp
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { apiTokenScope } from './enums';
import { cooperationFields } from './fields';
import { organisations } from './organisations';
import { periodChecks } from './columns';
import type { UploadRecord } from '../../import-export/uploads';

/**
 * A reporting quarter of a field: opened with a deadline, closed when the ring has delivered.
 * Values can be entered only while it is open; a closed quarter changes only by reopening it.
 */
export const reportingPeriods = pgTable(
	'reporting_periods',
	{
		fieldId: integer()
			.notNull()
			.references(() => cooperationFields.id, { onDelete: 'restrict' }),
		year: smallint().notNull(),
		quarter: smallint().notNull(),
		deadline: date({ mode: 'string' }).notNull(),
		openedBy: integer().references(() => users.id, { onDelete: 'set null' }),
		openedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		closedBy: integer().references(() => users.id, { onDelete: 'set null' }),
		closedAt: timestamp({ withTimezone: true })
	},
	(t) => [
		primaryKey({ columns: [t.fieldId, t.year, t.quarter] }),
		...periodChecks('reporting_periods', t.year, t.quarter)
	]
);

/**
 * Personal API tokens for automated delivery: shown once, stored as SHA-256 only, bound to one
 * city and one scope, with an expiry; revoking keeps the row for the audit trail.
 */
export const apiTokens = pgTable(
	'api_tokens',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		organisationId: integer()
			.notNull()
			.references(() => organisations.id, { onDelete: 'restrict' }),
		name: text().notNull(),
		scope: apiTokenScope().notNull(),
		tokenHash: text().notNull().unique(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp({ withTimezone: true }).notNull(),
		lastUsedAt: timestamp({ withTimezone: true }),
		revokedAt: timestamp({ withTimezone: true })
	},
	(t) => [
		index('api_tokens_user_idx').on(t.userId),
		check('api_tokens_name_length', sql`char_length(${t.name}) between 1 and 100`)
	]
);

/** The column mapping a city's controllers last used for an import, offered again next time. */
export const importMappings = pgTable('import_mappings', {
	organisationId: integer()
		.primaryKey()
		.references(() => organisations.id, { onDelete: 'cascade' }),
	mapping: jsonb().$type<Record<string, string>>().notNull(),
	updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
});

/** Raw bytes (postgres.js hands back a Buffer, PGlite a Uint8Array: both become a Uint8Array). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea',
	fromDriver: (value) => new Uint8Array(value)
});

/**
 * An uploaded file waiting between its dry run and the commit, with its record (options, last
 * plan, fingerprint). In the database, not on one server's disk, so any app instance can finish
 * an import another one received. Removed on commit or discard, and after a day.
 */
export const pendingImports = pgTable(
	'pending_imports',
	{
		id: text().primaryKey(),
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		organisationId: integer()
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		fieldId: integer()
			.notNull()
			.references(() => cooperationFields.id, { onDelete: 'cascade' }),
		record: jsonb().$type<UploadRecord>().notNull(),
		bytes: bytea().notNull(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('pending_imports_updated_idx').on(t.updatedAt)]
);

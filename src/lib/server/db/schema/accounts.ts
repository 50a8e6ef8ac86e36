import { sql } from 'drizzle-orm';
import {
	bigint,
	boolean,
	check,
	index,
	integer,
	pgTable,
	text,
	timestamp,
	unique,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { role } from './enums';
import { cooperationFields } from './fields';
import { organisations } from './organisations';

export const users = pgTable(
	'users',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		email: text().notNull(),
		displayName: text().notNull(),
		/** argon2id PHC string; null until the user has set a password. */
		passwordHash: text(),
		active: boolean().notNull().default(true),
		locale: text().notNull().default('de'),
		/** TOTP secret, only present once enrolment is confirmed. */
		totpSecret: text(),
		/** The 30-second step of the last accepted TOTP code: a code counts once (no replay). */
		totpLastStep: bigint({ mode: 'number' }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		passwordChangedAt: timestamp({ withTimezone: true }),
		/**
		 * The single-sign-on identity (issuer + subject) this account is linked to; set once, at
		 * the first login through the provider (decision 0030).
		 */
		oidcIssuer: text(),
		oidcSubject: text(),
		/** When the person last looked at their tasks (every look; decision 0038). */
		tasksSeenAt: timestamp({ withTimezone: true }),
		/**
		 * The last look of the visit before the current one: "released since your last visit"
		 * starts here, the same on every reload within a visit (domain/tasks/visit.ts).
		 */
		tasksPreviousVisitAt: timestamp({ withTimezone: true }),
		/**
		 * When the person last completed a login (password without a second factor, the code after
		 * the password, or single sign-on). Sessions end and are deleted; this stays.
		 */
		lastLoginAt: timestamp({ withTimezone: true })
	},
	(t) => [
		uniqueIndex('users_email_lower_unique').on(sql`lower(${t.email})`),
		uniqueIndex('users_oidc_identity_unique').on(t.oidcIssuer, t.oidcSubject),
		check('users_locale', sql`${t.locale} in ('de', 'en')`),
		check('users_oidc_identity_whole', sql`(${t.oidcIssuer} is null) = (${t.oidcSubject} is null)`)
	]
);

/**
 * A role held by a user, scoped: global roles carry no scope, city roles an organisation,
 * field_lead a cooperation field.
 */
export const roleAssignments = pgTable(
	'role_assignments',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: role().notNull(),
		organisationId: integer().references(() => organisations.id, { onDelete: 'cascade' }),
		fieldId: integer().references(() => cooperationFields.id, { onDelete: 'cascade' }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		unique('role_assignments_unique')
			.on(t.userId, t.role, t.organisationId, t.fieldId)
			.nullsNotDistinct(),
		check(
			'role_assignments_scope',
			sql`case
				when ${t.role} in ('admin', 'observer') then ${t.organisationId} is null and ${t.fieldId} is null
				when ${t.role} = 'field_lead' then ${t.organisationId} is null and ${t.fieldId} is not null
				else ${t.organisationId} is not null and ${t.fieldId} is null
			end`
		)
	]
);

/** Sessions as in the Lucia guide: the id is the SHA-256 of the token, never the token itself. */
export const sessions = pgTable(
	'sessions',
	{
		id: text().primaryKey(),
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		lastActiveAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		/** Absolute end of the session, independent of activity. */
		expiresAt: timestamp({ withTimezone: true }).notNull(),
		twoFactorVerified: boolean().notNull().default(false),
		userAgent: text(),
		/** How the person logged in: their local password or the OpenID provider (single sign-on). */
		authMethod: text().notNull().default('password'),
		/** With single sign-on: the provider's `acr` and `amr` claims (space-separated). */
		acr: text(),
		amr: text(),
		/** With single sign-on: the ID token, the hint the provider's logout endpoint asks for. */
		idToken: text()
	},
	(t) => [
		index('sessions_user_idx').on(t.userId),
		check('sessions_auth_method', sql`${t.authMethod} in ('password', 'sso')`)
	]
);

/** Who changed what: written in the same transaction as the change itself. */
export const auditLog = pgTable(
	'audit_log',
	{
		id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		at: timestamp({ withTimezone: true }).notNull().defaultNow(),
		userId: integer().references(() => users.id, { onDelete: 'set null' }),
		/** The city the entry concerns, so a city's leadership can read its own entries. */
		organisationId: integer().references(() => organisations.id, { onDelete: 'set null' }),
		action: text().notNull(),
		entity: text().notNull(),
		entityId: text(),
		before: text(),
		after: text()
	},
	(t) => [
		index('audit_log_at_idx').on(t.at),
		index('audit_log_organisation_at_idx').on(t.organisationId, t.at)
	]
);

/**
 * Failed logins per key: 'pair:<address>/<lowercased email>', 'ip:<address>' or '2fa:<user id>'
 * (IPv6 addresses by their /64). Kept in the database, not in memory, so the delays hold across
 * app instances and restarts. No lock column: the wait follows from the count and the time of
 * the last failure (src/lib/server/auth/login-throttle.ts, docs/decisions/0020).
 */
export const loginThrottle = pgTable(
	'login_throttle',
	{
		key: text().primaryKey(),
		failures: integer().notNull().default(0),
		lastFailureAt: timestamp({ withTimezone: true }).notNull()
	},
	(t) => [index('login_throttle_last_failure_idx').on(t.lastFailureAt)]
);

/**
 * One-time links to set a password (new accounts without an initial password). The id is the
 * SHA-256 of the token in the link, so the table alone cannot be used to set anyone's password.
 */
export const passwordResetTokens = pgTable(
	'password_reset_tokens',
	{
		id: text().primaryKey(),
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp({ withTimezone: true }).notNull(),
		usedAt: timestamp({ withTimezone: true }),
		/**
		 * Ended without being used: the password was set or changed another way, a newer link
		 * replaced this one, or the account was deactivated.
		 */
		revokedAt: timestamp({ withTimezone: true })
	},
	(t) => [index('password_reset_tokens_user_idx').on(t.userId)]
);

/**
 * One-time recovery codes for the second factor, shown once at enrolment. Only the SHA-256 of
 * each code is stored; a used code keeps its row with used_at set.
 */
export const recoveryCodes = pgTable(
	'recovery_codes',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		codeHash: text().notNull(),
		usedAt: timestamp({ withTimezone: true })
	},
	(t) => [index('recovery_codes_user_idx').on(t.userId)]
);

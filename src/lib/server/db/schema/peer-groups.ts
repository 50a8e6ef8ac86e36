import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { organisations } from './organisations';

/**
 * Comparison groups defined by the administration (e.g. by size class), so like is compared
 * with like. `version` guards concurrent edits of the same group.
 */
export const peerGroups = pgTable(
	'peer_groups',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		slug: text().notNull().unique(),
		nameDe: text().notNull(),
		nameEn: text().notNull(),
		version: integer().notNull().default(1),
		updatedBy: integer().references(() => users.id, { onDelete: 'set null' }),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('peer_groups_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
		check('peer_groups_name_length', sql`char_length(${t.nameDe}) between 1 and 100`)
	]
);

export const peerGroupMembers = pgTable(
	'peer_group_members',
	{
		groupId: integer()
			.notNull()
			.references(() => peerGroups.id, { onDelete: 'cascade' }),
		organisationId: integer()
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.groupId, t.organisationId] }),
		index('peer_group_members_organisation_idx').on(t.organisationId)
	]
);

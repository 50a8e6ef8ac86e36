import { sql } from 'drizzle-orm';
import {
	bigint,
	check,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	primaryKey,
	smallint,
	text,
	timestamp,
	unique
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { mailKinds } from '../../../domain/mail/kinds';

/** The notices a person can receive (and turn off one by one in the account). */
export const mailKind = pgEnum('mail_kind', mailKinds);

/**
 * The mail outbox: one row per notice and recipient. The unique key (kind, recipient, subject)
 * makes enqueuing idempotent across app instances (insert … on conflict do nothing); sending is
 * claimed row by row with FOR UPDATE SKIP LOCKED and a lease (docs/decisions/0026).
 * The payload holds names and counts only, never a value.
 */
export const mailOutbox = pgTable(
	'mail_outbox',
	{
		id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		kind: mailKind().notNull(),
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** What the notice is about, e.g. "12/3/2026-Q3/2026-11-30" (city/field/quarter/deadline). */
		subjectKey: text().notNull(),
		payload: jsonb().$type<Record<string, unknown>>().notNull(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		/** Not before this moment: the next try after a failure, or the end of a claim's lease. */
		nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		attempts: smallint().notNull().default(0),
		lastError: text(),
		sentAt: timestamp({ withTimezone: true }),
		/** Given up (too many failures, recipient gone or opted out): never sent. */
		droppedAt: timestamp({ withTimezone: true })
	},
	(t) => [
		unique('mail_outbox_dedup').on(t.kind, t.userId, t.subjectKey),
		index('mail_outbox_due_idx')
			.on(t.nextAttemptAt)
			.where(sql`${t.sentAt} is null and ${t.droppedAt} is null`),
		check('mail_outbox_attempts', sql`${t.attempts} >= 0`)
	]
);

/** A kind of notice a person turned off. No row: the notice is on (the default). */
export const mailOptOuts = pgTable(
	'mail_opt_outs',
	{
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: mailKind().notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.kind] })]
);

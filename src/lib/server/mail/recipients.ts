import { and, eq, isNull, or, type SQL } from 'drizzle-orm';
import { mailOptOuts, mailOutbox, roleAssignments, users } from '../db/schema';
import type { DbOrTx } from '../db/types';
import type { MailKind, MailNotice } from './notices';

/** A role of a city (organisation) or of a field (field lead). */
export type RoleScope =
	| { role: 'controller' | 'approver' | 'city_leadership'; organisationId: number }
	| { role: 'field_lead'; fieldId: number };

const matches = (s: RoleScope): SQL | undefined =>
	s.role === 'field_lead'
		? and(eq(roleAssignments.role, s.role), eq(roleAssignments.fieldId, s.fieldId))
		: and(eq(roleAssignments.role, s.role), eq(roleAssignments.organisationId, s.organisationId));

/**
 * The active people holding one of the roles who have not turned the kind of notice off. Only
 * roles of the city (or field) the notice is about: a mail reaches nobody who may not read it.
 */
export async function recipientsOf(
	db: DbOrTx,
	kind: MailKind,
	scopes: readonly RoleScope[]
): Promise<number[]> {
	if (scopes.length === 0) return [];
	const rows = await db
		.selectDistinct({ userId: users.id })
		.from(roleAssignments)
		.innerJoin(users, and(eq(users.id, roleAssignments.userId), eq(users.active, true)))
		.leftJoin(mailOptOuts, and(eq(mailOptOuts.userId, users.id), eq(mailOptOuts.kind, kind)))
		.where(and(or(...scopes.map(matches)), isNull(mailOptOuts.userId)));
	return rows.map((r) => r.userId).sort((a, b) => a - b);
}

/**
 * Puts a notice into the outbox for each recipient. A notice already there (same kind,
 * recipient and subject key) stays as it is: every app instance may enqueue the same reminder,
 * the database keeps one.
 */
export async function enqueue(
	db: DbOrTx,
	notice: MailNotice,
	subjectKey: string,
	userIds: readonly number[],
	/** When the notice was found (the scheduler's clock); default: the database's now(). */
	at?: Date
): Promise<number> {
	if (userIds.length === 0) return 0;
	const { kind, ...payload } = notice;
	const times = at ? { createdAt: at, nextAttemptAt: at } : {};
	const inserted = await db
		.insert(mailOutbox)
		.values(userIds.map((userId) => ({ kind, userId, subjectKey, payload, ...times })))
		.onConflictDoNothing()
		.returning({ id: mailOutbox.id });
	return inserted.length;
}

/** The kinds the user turned off. */
export async function optOutsOf(db: DbOrTx, userId: number): Promise<MailKind[]> {
	const rows = await db
		.select({ kind: mailOptOuts.kind })
		.from(mailOptOuts)
		.where(eq(mailOptOuts.userId, userId));
	return rows.map((r) => r.kind);
}

/** Replaces the user's opt-outs with the given kinds (call inside a transaction). */
export async function setOptOuts(tx: DbOrTx, userId: number, kinds: readonly MailKind[]) {
	await tx.delete(mailOptOuts).where(eq(mailOptOuts.userId, userId));
	if (kinds.length) await tx.insert(mailOptOuts).values(kinds.map((kind) => ({ userId, kind })));
}

import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { mailOptOuts, mailOutbox, users } from '../db/schema';
import type { DbOrTx } from '../db/types';
import { MAX_ATTEMPTS, retryDelayMs } from '../../domain/mail/due';
import type { AppLocale } from '../../format/number';
import type { MailNotice } from './notices';
import { renderNotice } from './templates';
import type { Mailer } from './transport';

/**
 * Sends what the outbox holds. A batch is claimed in one statement: the rows are locked with
 * FOR UPDATE SKIP LOCKED (another instance claiming at the same moment takes other rows) and
 * their next attempt is pushed past a lease, so after the claim commits no other instance picks
 * them up while this one talks to the mail server, and no transaction stays open meanwhile.
 * Only a crash between the server's acceptance and the "sent" mark sends a mail twice (after
 * the lease): exactly once among running instances, at least once across a crash.
 */

/** Long enough for a slow mail server; a claim older than this is taken to be a dead instance. */
const LEASE_MS = 5 * 60_000;
const BATCH = 20;

export interface SendSummary {
	sent: number;
	failed: number;
	dropped: number;
}

async function claimBatch(db: DbOrTx, now: Date) {
	const due = db
		.select({ id: mailOutbox.id })
		.from(mailOutbox)
		.where(
			and(
				isNull(mailOutbox.sentAt),
				isNull(mailOutbox.droppedAt),
				lte(mailOutbox.nextAttemptAt, now)
			)
		)
		.orderBy(asc(mailOutbox.id))
		.limit(BATCH)
		.for('update', { skipLocked: true });
	return db
		.update(mailOutbox)
		.set({
			nextAttemptAt: new Date(now.getTime() + LEASE_MS),
			attempts: sql`${mailOutbox.attempts} + 1`
		})
		.where(inArray(mailOutbox.id, due))
		.returning({
			id: mailOutbox.id,
			kind: mailOutbox.kind,
			userId: mailOutbox.userId,
			payload: mailOutbox.payload,
			attempts: mailOutbox.attempts
		});
}

/** The recipient as of now: gone, deactivated or opted out since the notice was queued → null. */
async function currentRecipient(db: DbOrTx, userId: number, kind: MailNotice['kind']) {
	const [row] = await db
		.select({
			email: users.email,
			displayName: users.displayName,
			locale: users.locale,
			active: users.active,
			optedOut: sql<boolean>`${mailOptOuts.userId} is not null`
		})
		.from(users)
		.leftJoin(mailOptOuts, and(eq(mailOptOuts.userId, users.id), eq(mailOptOuts.kind, kind)))
		.where(eq(users.id, userId));
	if (!row || !row.active || row.optedOut) return null;
	return { ...row, locale: (row.locale === 'en' ? 'en' : 'de') as AppLocale };
}

const mark = (db: DbOrTx, id: number, set: Partial<typeof mailOutbox.$inferInsert>) =>
	db.update(mailOutbox).set(set).where(eq(mailOutbox.id, id));

/** Claims and sends due mail until none is left; `now` is a parameter for the tests. */
export async function sendPendingMail(
	db: DbOrTx,
	mailer: Mailer,
	origin: string,
	now: () => Date = () => new Date()
): Promise<SendSummary> {
	const summary: SendSummary = { sent: 0, failed: 0, dropped: 0 };
	for (;;) {
		const batch = await claimBatch(db, now());
		if (batch.length === 0) return summary;
		for (const item of batch) {
			const notice = { kind: item.kind, ...item.payload } as MailNotice;
			const to = await currentRecipient(db, item.userId, item.kind);
			if (!to) {
				await mark(db, item.id, { droppedAt: now(), lastError: 'recipient inactive or opted out' });
				summary.dropped += 1;
				continue;
			}
			try {
				await mailer.send(to.email, renderNotice(notice, to, origin));
				await mark(db, item.id, { sentAt: now(), lastError: null });
				summary.sent += 1;
			} catch (error) {
				const lastError = error instanceof Error ? error.message.slice(0, 500) : String(error);
				const givenUp = item.attempts >= MAX_ATTEMPTS;
				await mark(
					db,
					item.id,
					givenUp
						? { droppedAt: now(), lastError }
						: { nextAttemptAt: new Date(now().getTime() + retryDelayMs(item.attempts)), lastError }
				);
				summary.failed += 1;
			}
		}
	}
}

/** For the administration page: mail waiting and mail given up. */
export async function outboxState(db: DbOrTx) {
	const [row] = await db
		.select({
			waiting: sql<number>`count(*) filter (where ${mailOutbox.sentAt} is null and ${mailOutbox.droppedAt} is null)`,
			failing: sql<number>`count(*) filter (where ${mailOutbox.sentAt} is null and ${mailOutbox.droppedAt} is null and ${mailOutbox.lastError} is not null)`
		})
		.from(mailOutbox);
	return { waiting: Number(row?.waiting ?? 0), failing: Number(row?.failing ?? 0) };
}

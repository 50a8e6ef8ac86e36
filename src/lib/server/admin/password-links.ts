import { and, eq, gt, isNull } from 'drizzle-orm';
import { passwordResetTokens, users } from '../db/schema';
import type { DbOrTx } from '../db/types';
import { recordAudit } from '../auth/audit';
import { hashPassword, passwordProblems, type PasswordProblem } from '../auth/password';
import { generateSessionToken, invalidateUserSessions, sessionIdFromToken } from '../auth/sessions';
import { cityOfUser } from './user-city';

/**
 * One-time set-password links: only the token's hash is stored, the token is shown once.
 * A link is a credential, so at most one of a person's links is outstanding at a time, and none
 * outlives a password set or change (issue 14.14): each such write revokes the others.
 */

/** A set-password link is valid this long. */
export const PASSWORD_TOKEN_HOURS = 72;

export async function issueToken(db: DbOrTx, userId: number, now: Date): Promise<string> {
	const token = generateSessionToken();
	await db.insert(passwordResetTokens).values({
		id: sessionIdFromToken(token),
		userId,
		createdAt: now,
		expiresAt: new Date(now.getTime() + PASSWORD_TOKEN_HOURS * 3_600_000)
	});
	return token;
}

/**
 * Locks the user's row for the rest of the transaction. Every write that sets a password or
 * issues or revokes links takes this lock first, so two of them for one person run one after
 * the other (two links submitted at once: the second finds itself revoked) and never deadlock
 * on the link rows.
 */
async function lockUser(tx: DbOrTx, userId: number): Promise<boolean> {
	const [row] = await tx
		.select({ id: users.id })
		.from(users)
		.where(eq(users.id, userId))
		.for('update');
	return row !== undefined;
}

/** Ends every outstanding link of the user; returns how many. Call inside the locking transaction. */
export async function revokePasswordLinks(tx: DbOrTx, userId: number, now: Date): Promise<number> {
	const revoked = await tx
		.update(passwordResetTokens)
		.set({ revokedAt: now })
		.where(
			and(
				eq(passwordResetTokens.userId, userId),
				isNull(passwordResetTokens.usedAt),
				isNull(passwordResetTokens.revokedAt)
			)
		)
		.returning({ id: passwordResetTokens.id });
	return revoked.length;
}

/**
 * A fresh set-password link for an existing account; it replaces any older one. None where local
 * passwords are off (LOCAL_LOGIN=off): a link would only lead to a password nobody may use.
 */
export async function issuePasswordLink(
	db: DbOrTx,
	input: { actorUserId: number; userId: number; now: Date; localPasswords?: boolean }
): Promise<string | null | 'local_login_off'> {
	if (input.localPasswords === false) return 'local_login_off';
	return db.transaction(async (tx) => {
		if (!(await lockUser(tx, input.userId))) return null;
		const linksRevoked = await revokePasswordLinks(tx, input.userId, input.now);
		const token = await issueToken(tx, input.userId, input.now);
		await recordAudit(tx, {
			userId: input.actorUserId,
			organisationId: await cityOfUser(tx, input.userId),
			action: 'user.password_link',
			entity: 'user',
			entityId: String(input.userId),
			after: { validHours: PASSWORD_TOKEN_HOURS, linksRevoked }
		});
		return token;
	});
}

export type TokenState = 'valid' | 'unknown' | 'used' | 'revoked' | 'expired';

export async function passwordTokenState(
	db: DbOrTx,
	token: string,
	now: Date
): Promise<TokenState> {
	const [row] = await db
		.select({
			usedAt: passwordResetTokens.usedAt,
			revokedAt: passwordResetTokens.revokedAt,
			expiresAt: passwordResetTokens.expiresAt,
			active: users.active
		})
		.from(passwordResetTokens)
		.innerJoin(users, eq(users.id, passwordResetTokens.userId))
		.where(eq(passwordResetTokens.id, sessionIdFromToken(token)));
	if (!row || !row.active) return 'unknown';
	if (row.usedAt) return 'used';
	if (row.revokedAt) return 'revoked';
	if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
	return 'valid';
}

export type SetPasswordResult =
	| { ok: true; userId: number; sessionsEnded: number }
	| { ok: false; reason: 'password'; problems: PasswordProblem[] }
	| { ok: false; reason: Exclude<TokenState, 'valid'> };

/**
 * Sets the password of the token's user. The token is claimed by a conditional update under the
 * user's lock, so of two concurrent submissions (of one link or of two) only one succeeds; all
 * the user's sessions and all their other links end with it.
 */
export async function setPasswordWithToken(
	db: DbOrTx,
	input: { token: string; password: string; now: Date }
): Promise<SetPasswordResult> {
	const problems = passwordProblems(input.password);
	if (problems.length > 0) return { ok: false, reason: 'password', problems };
	const state = await passwordTokenState(db, input.token, input.now);
	if (state !== 'valid') return { ok: false, reason: state };
	// argon2 is slow: hash before the transaction, so it does not hold the lock meanwhile.
	const passwordHash = await hashPassword(input.password);
	const id = sessionIdFromToken(input.token);
	return db.transaction(async (tx) => {
		const [link] = await tx
			.select({ userId: passwordResetTokens.userId })
			.from(passwordResetTokens)
			.where(eq(passwordResetTokens.id, id));
		if (!link || !(await lockUser(tx, link.userId))) {
			return { ok: false as const, reason: 'unknown' as const };
		}
		const [claimed] = await tx
			.update(passwordResetTokens)
			.set({ usedAt: input.now })
			.where(
				and(
					eq(passwordResetTokens.id, id),
					isNull(passwordResetTokens.usedAt),
					isNull(passwordResetTokens.revokedAt),
					gt(passwordResetTokens.expiresAt, input.now)
				)
			)
			.returning({ userId: passwordResetTokens.userId });
		if (!claimed) {
			// Another write for this person came first; say which, as the page would now.
			const current = await passwordTokenState(tx, input.token, input.now);
			return { ok: false as const, reason: current === 'valid' ? ('used' as const) : current };
		}
		await tx
			.update(users)
			.set({ passwordHash, passwordChangedAt: input.now })
			.where(eq(users.id, claimed.userId));
		const sessionsEnded = await invalidateUserSessions(tx, claimed.userId);
		const linksRevoked = await revokePasswordLinks(tx, claimed.userId, input.now);
		await recordAudit(tx, {
			userId: claimed.userId,
			organisationId: await cityOfUser(tx, claimed.userId),
			action: 'user.password_set',
			entity: 'user',
			entityId: String(claimed.userId),
			// Never the password or its hash.
			after: { via: 'link', sessionsEnded, linksRevoked }
		});
		return { ok: true as const, userId: claimed.userId, sessionsEnded };
	});
}

import { and, eq, gt, isNull } from 'drizzle-orm';
import { passwordResetTokens, users } from '../db/schema';
import type { DbOrTx } from '../db/types';
import { recordAudit } from '../auth/audit';
import { hashPassword, passwordProblems, type PasswordProblem } from '../auth/password';
import { generateSessionToken, invalidateUserSessions, sessionIdFromToken } from '../auth/sessions';
import { cityOfUser } from './user-city';

/**
 * One-time set-password links: only the token's hash is stored, the token is shown once.
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

/** A fresh set-password link for an existing account (e.g. the first one expired). */
export async function issuePasswordLink(
	db: DbOrTx,
	input: { actorUserId: number; userId: number; now: Date }
): Promise<string | null> {
	return db.transaction(async (tx) => {
		const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId));
		if (!user) return null;
		const token = await issueToken(tx, input.userId, input.now);
		await recordAudit(tx, {
			userId: input.actorUserId,
			organisationId: await cityOfUser(tx, input.userId),
			action: 'user.password_link',
			entity: 'user',
			entityId: String(input.userId),
			after: { validHours: PASSWORD_TOKEN_HOURS }
		});
		return token;
	});
}

export type TokenState = 'valid' | 'unknown' | 'used' | 'expired';

export async function passwordTokenState(
	db: DbOrTx,
	token: string,
	now: Date
): Promise<TokenState> {
	const [row] = await db
		.select({
			usedAt: passwordResetTokens.usedAt,
			expiresAt: passwordResetTokens.expiresAt,
			active: users.active
		})
		.from(passwordResetTokens)
		.innerJoin(users, eq(users.id, passwordResetTokens.userId))
		.where(eq(passwordResetTokens.id, sessionIdFromToken(token)));
	if (!row || !row.active) return 'unknown';
	if (row.usedAt) return 'used';
	if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
	return 'valid';
}

export type SetPasswordResult =
	| { ok: true; userId: number; sessionsEnded: number }
	| { ok: false; reason: 'password'; problems: PasswordProblem[] }
	| { ok: false; reason: Exclude<TokenState, 'valid'> };

/**
 * Sets the password of the token's user. The token is marked used by a conditional update, so
 * two concurrent submissions cannot both succeed; all the user's sessions end.
 */
export async function setPasswordWithToken(
	db: DbOrTx,
	input: { token: string; password: string; now: Date }
): Promise<SetPasswordResult> {
	const problems = passwordProblems(input.password);
	if (problems.length > 0) return { ok: false, reason: 'password', problems };
	const state = await passwordTokenState(db, input.token, input.now);
	if (state !== 'valid') return { ok: false, reason: state };
	const passwordHash = await hashPassword(input.password);
	const id = sessionIdFromToken(input.token);
	return db.transaction(async (tx) => {
		const [claimed] = await tx
			.update(passwordResetTokens)
			.set({ usedAt: input.now })
			.where(
				and(
					eq(passwordResetTokens.id, id),
					isNull(passwordResetTokens.usedAt),
					gt(passwordResetTokens.expiresAt, input.now)
				)
			)
			.returning({ userId: passwordResetTokens.userId });
		if (!claimed) return { ok: false as const, reason: 'used' as const };
		await tx
			.update(users)
			.set({ passwordHash, passwordChangedAt: input.now })
			.where(eq(users.id, claimed.userId));
		const sessionsEnded = await invalidateUserSessions(tx, claimed.userId);
		await recordAudit(tx, {
			userId: claimed.userId,
			organisationId: await cityOfUser(tx, claimed.userId),
			action: 'user.password_set',
			entity: 'user',
			entityId: String(claimed.userId),
			// Never the password or its hash.
			after: { via: 'link', sessionsEnded }
		});
		return { ok: true as const, userId: claimed.userId, sessionsEnded };
	});
}

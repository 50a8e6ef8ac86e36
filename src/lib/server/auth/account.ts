import { and, eq, ne } from 'drizzle-orm';
import { sessions, users } from '../db/schema';
import type { DbOrTx } from '../db/types';
import { revokePasswordLinks } from '../admin/password-links';
import { recordAudit } from './audit';
import { hashPassword, passwordProblems, verifyPassword, type PasswordProblem } from './password';
import { createSession, invalidateUserSessions, type Session } from './sessions';

export type PasswordChangeResult =
	| { ok: true; token: string; session: Session }
	| { ok: false; reason: 'wrong_current' }
	| { ok: false; reason: 'policy'; problems: PasswordProblem[] };

/**
 * Checks the current password and the rules for the new one, then stores the new hash, ends
 * every session of the user (a thief's included) and every outstanding set-password link, and
 * opens a fresh session for this browser.
 */
export async function changePassword(
	db: DbOrTx,
	input: {
		userId: number;
		currentPassword: string;
		newPassword: string;
		now: Date;
		userAgent: string | null;
		absoluteHours?: number;
		twoFactorVerified: boolean;
	}
): Promise<PasswordChangeResult> {
	const [user] = await db
		.select({ passwordHash: users.passwordHash })
		.from(users)
		.where(eq(users.id, input.userId));
	if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
		return { ok: false, reason: 'wrong_current' };
	}
	const problems = passwordProblems(input.newPassword);
	if (problems.length > 0) return { ok: false, reason: 'policy', problems };
	// argon2 is slow: hash before the transaction, so it does not hold locks meanwhile.
	const passwordHash = await hashPassword(input.newPassword);
	return db.transaction(async (tx) => {
		// The update locks the user's row first, as every other password write does.
		await tx
			.update(users)
			.set({ passwordHash, passwordChangedAt: input.now })
			.where(eq(users.id, input.userId));
		const ended = await invalidateUserSessions(tx, input.userId);
		const linksRevoked = await revokePasswordLinks(tx, input.userId, input.now);
		const { token, session } = await createSession(tx, input.userId, {
			now: input.now,
			userAgent: input.userAgent,
			absoluteHours: input.absoluteHours,
			twoFactorVerified: input.twoFactorVerified
		});
		await recordAudit(tx, {
			userId: input.userId,
			action: 'auth.password_changed',
			entity: 'user',
			entityId: String(input.userId),
			after: { sessionsEnded: ended, linksRevoked }
		});
		return { ok: true as const, token, session };
	});
}

/** Ends one of the user's own sessions; another user's session id does nothing. */
export async function endOwnSession(db: DbOrTx, userId: number, sessionId: string) {
	const deleted = await db
		.delete(sessions)
		.where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
		.returning({ id: sessions.id });
	return deleted.length > 0;
}

/** "Log out everywhere else": every session of the user except the current one. */
export async function endOtherSessions(db: DbOrTx, userId: number, currentSessionId: string) {
	const deleted = await db
		.delete(sessions)
		.where(and(eq(sessions.userId, userId), ne(sessions.id, currentSessionId)))
		.returning({ id: sessions.id });
	return deleted.length;
}

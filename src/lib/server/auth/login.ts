import type { DbOrTx } from '../db/types';
import { recordAudit } from './audit';
import {
	accountKey,
	addressKey,
	checkThrottle,
	recordFailure,
	recordSuccess
} from './login-throttle';
import { verifyPasswordOrDummy } from './password';
import { createSession, type Session } from './sessions';
import { verifySecondFactor } from './totp';
import { findUserByEmail } from './users';

export type LoginResult =
	| { ok: true; token: string; session: Session; hasTotp: boolean }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * Checks the throttle first (per account and per address), then the password. Unknown accounts,
 * wrong passwords and deactivated users give the same answer and take the same time.
 */
export async function attemptLogin(
	db: DbOrTx,
	input: {
		email: string;
		password: string;
		address: string;
		userAgent: string | null;
		now: Date;
		absoluteHours?: number;
	}
): Promise<LoginResult> {
	const keys = [accountKey(input.email), addressKey(input.address)];
	const throttle = await checkThrottle(db, keys, input.now);
	if (!throttle.allowed) {
		await recordAudit(db, {
			userId: null,
			action: 'auth.login_throttled',
			entity: 'session',
			after: { email: input.email }
		});
		return { ok: false, reason: 'throttled', retryAfterSeconds: throttle.retryAfterSeconds };
	}
	const user = await findUserByEmail(db, input.email);
	const passwordOk = await verifyPasswordOrDummy(user?.passwordHash ?? null, input.password);
	if (!user || !user.active || !passwordOk) {
		await recordFailure(db, keys, input.now);
		await recordAudit(db, {
			userId: user?.id ?? null,
			action: 'auth.login_failed',
			entity: 'session',
			after: { email: input.email }
		});
		return { ok: false, reason: 'invalid' };
	}
	await recordSuccess(db, keys[0]!);
	const { token, session } = await createSession(db, user.id, {
		absoluteHours: input.absoluteHours,
		now: input.now,
		userAgent: input.userAgent
	});
	await recordAudit(db, { userId: user.id, action: 'auth.login', entity: 'session' });
	return { ok: true, token, session, hasTotp: user.totpSecret !== null };
}

export type SecondFactorAttempt =
	| { ok: true }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * The code after the password. Wrong codes count against the same throttle keys as wrong
 * passwords, so the second factor cannot be guessed faster than the first.
 */
export async function attemptSecondFactor(
	db: DbOrTx,
	input: {
		userId: number;
		email: string;
		sessionId: string;
		code: string;
		address: string;
		now: Date;
	}
): Promise<SecondFactorAttempt> {
	const keys = [accountKey(input.email), addressKey(input.address)];
	const throttle = await checkThrottle(db, keys, input.now);
	if (!throttle.allowed) {
		return { ok: false, reason: 'throttled', retryAfterSeconds: throttle.retryAfterSeconds };
	}
	const result = await verifySecondFactor(db, {
		userId: input.userId,
		sessionId: input.sessionId,
		code: input.code,
		now: input.now
	});
	if (!result.ok) {
		await recordFailure(db, keys, input.now);
		return { ok: false, reason: 'invalid' };
	}
	await recordSuccess(db, keys[0]!);
	return { ok: true };
}

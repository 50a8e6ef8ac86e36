import type { DbOrTx } from '../db/types';
import { recordAudit } from './audit';
import {
	checkThrottle,
	clearThrottle,
	loginKeys,
	pruneThrottle,
	recordFailure,
	secondFactorKey
} from './login-throttle';
import { verifyPasswordOrDummy } from './password';
import { createSession, type Session } from './sessions';
import { verifySecondFactor } from './totp';
import { findUserByEmail, recordLogin } from './users';

export type LoginResult =
	| { ok: true; token: string; session: Session; hasTotp: boolean }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * Checks the throttle first (per account and address, and per address), then the password.
 * Unknown accounts, wrong passwords and deactivated users give the same answer and take the
 * same time. A refused attempt is answered at once with its wait; nothing sleeps.
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
	const keys = loginKeys(input.email, input.address);
	const [pair] = keys;
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
		await pruneThrottle(db, input.now);
		await recordAudit(db, {
			userId: user?.id ?? null,
			action: 'auth.login_failed',
			entity: 'session',
			after: { email: input.email }
		});
		return { ok: false, reason: 'invalid' };
	}
	const hasTotp = user.totpSecret !== null;
	// The pair starts afresh only after the whole login: with a code still to come, a correct
	// password alone must not wipe out the count of wrong codes (they count on the same pair).
	// The address's count is never cleared by a success: an attacker's own valid account must
	// not reset it.
	if (!hasTotp) {
		await clearThrottle(db, [pair]);
		await recordLogin(db, user.id, input.now);
	}
	const { token, session } = await createSession(db, user.id, {
		absoluteHours: input.absoluteHours,
		now: input.now,
		userAgent: input.userAgent
	});
	await recordAudit(db, { userId: user.id, action: 'auth.login', entity: 'session' });
	return { ok: true, token, session, hasTotp };
}

export type SecondFactorAttempt =
	| { ok: true }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * The code after the password. Wrong codes count against the same keys as wrong passwords, and
 * against the account's code counter, so the second factor can be guessed neither faster than the
 * first nor faster from many addresses. A correct code completes the login and clears both.
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
	const [pair, address] = loginKeys(input.email, input.address);
	const codes = secondFactorKey(input.userId);
	const keys = [pair, address, codes];
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
	await clearThrottle(db, [pair, codes]);
	await recordLogin(db, input.userId, input.now);
	return { ok: true };
}

import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { attemptLogin, attemptSecondFactor } from '../../src/lib/server/auth/login';
import { pairKey } from '../../src/lib/server/auth/login-throttle';
import { createSession } from '../../src/lib/server/auth/sessions';
import {
	confirmEnrolment,
	currentTotp,
	disableTotp,
	hashRecoveryCode,
	remainingRecoveryCodes,
	startEnrolment,
	verifySecondFactor,
	verifyTotpCode
} from '../../src/lib/server/auth/totp';
import { createUser } from '../../src/lib/server/auth/users';
import {
	auditLog,
	loginThrottle,
	recoveryCodes,
	sessions,
	users
} from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { createTestDatabase } from '../helpers/test-database';

const PASSWORD = 'Kooperation-2026!';
const T0 = new Date('2026-11-24T08:00:10Z');
const seconds = (s: number) => new Date(T0.getTime() + s * 1000);

describe('TOTP helpers', () => {
	it('starts an enrolment with a 20-byte key and an otpauth URI', () => {
		const e = startEnrolment('anna@example.org');
		expect(decodeBase32IgnorePadding(e.secret)).toHaveLength(20);
		expect(e.uri).toMatch(/^otpauth:\/\/totp\/IKZ%20Scorecard:anna%40example\.org\?/);
		expect(e.uri).toContain(`secret=${e.secret}`);
	});

	it('matches @oslojs/otp generateTOTP at the same moment', () => {
		const e = startEnrolment('a@b.de');
		const key = decodeBase32IgnorePadding(e.secret);
		vi.useFakeTimers({ now: T0 });
		try {
			expect(currentTotp(e.secret, T0)).toBe(generateTOTP(key, 30, 6));
		} finally {
			vi.useRealTimers();
		}
	});

	it('accepts the previous, current and next step, nothing further', () => {
		const { secret } = startEnrolment('a@b.de');
		expect(verifyTotpCode(secret, currentTotp(secret, T0), T0)).toBe(true);
		expect(verifyTotpCode(secret, currentTotp(secret, seconds(-30)), T0)).toBe(true);
		expect(verifyTotpCode(secret, currentTotp(secret, seconds(30)), T0)).toBe(true);
		expect(verifyTotpCode(secret, currentTotp(secret, seconds(-60)), T0)).toBe(false);
		expect(verifyTotpCode(secret, currentTotp(secret, seconds(60)), T0)).toBe(false);
		expect(verifyTotpCode(secret, 'abcdef', T0)).toBe(false);
		expect(verifyTotpCode('not base32!', '123456', T0)).toBe(false);
	});
});

describe('TOTP enrolment, second factor and recovery codes', () => {
	let handle: DatabaseHandle;
	let userId: number;
	let sessionId: string;
	const email = 'controlling@hamm.de';
	let secret: string;
	let codes: string[];

	beforeAll(async () => {
		handle = await createTestDatabase();
		const user = await createUser(handle.db, {
			email,
			displayName: 'C',
			password: PASSWORD,
			roles: []
		});
		userId = user.id;
		sessionId = (await createSession(handle.db, userId, { now: T0 })).session.id;
	});
	afterAll(() => handle.close());

	const userRow = async () =>
		(await handle.db.select().from(users).where(eq(users.id, userId)))[0]!;
	const sessionRow = async (id: string) =>
		(await handle.db.select().from(sessions).where(eq(sessions.id, id)))[0]!;

	it('stores nothing until a valid code confirms the enrolment', async () => {
		secret = startEnrolment(email).secret;
		expect(
			await confirmEnrolment(handle.db, { userId, sessionId, secret, code: '000000', now: T0 })
		).toBeNull();
		expect((await userRow()).totpSecret).toBeNull();

		const result = await confirmEnrolment(handle.db, {
			userId,
			sessionId,
			secret,
			code: currentTotp(secret, T0),
			now: T0
		});
		expect(result).toHaveLength(10);
		codes = result!;
		expect(new Set(codes).size).toBe(10);
		for (const code of codes) expect(code).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/);
		expect((await userRow()).totpSecret).toBe(secret);
		expect((await sessionRow(sessionId)).twoFactorVerified).toBe(true);
	});

	it('stores the recovery codes only as SHA-256 hashes', async () => {
		const rows = await handle.db
			.select()
			.from(recoveryCodes)
			.where(eq(recoveryCodes.userId, userId));
		expect(rows).toHaveLength(10);
		expect(rows.map((r) => r.codeHash).sort()).toEqual(codes.map(hashRecoveryCode).sort());
		expect(rows.some((r) => codes.includes(r.codeHash))).toBe(false);
	});

	it('refuses at login the code used to confirm the enrolment', async () => {
		const { session } = await createSession(handle.db, userId, { now: T0 });
		expect(
			await verifySecondFactor(handle.db, {
				userId,
				sessionId: session.id,
				code: currentTotp(secret, T0),
				now: T0
			})
		).toEqual({ ok: false });
	});

	it('verifies a new session with a code within the window, each code only once', async () => {
		const now = seconds(300);
		const { session } = await createSession(handle.db, userId, { now });
		expect(session.twoFactorVerified).toBe(false);
		const bad = await verifySecondFactor(handle.db, {
			userId,
			sessionId: session.id,
			code: currentTotp(secret, seconds(390)),
			now
		});
		expect(bad).toEqual({ ok: false });
		expect((await sessionRow(session.id)).twoFactorVerified).toBe(false);
		const previousStep = currentTotp(secret, seconds(270));
		const good = await verifySecondFactor(handle.db, {
			userId,
			sessionId: session.id,
			code: previousStep,
			now
		});
		expect(good).toEqual({ ok: true, method: 'totp' });
		expect((await sessionRow(session.id)).twoFactorVerified).toBe(true);

		// The same code again (replay), or an older one, is refused; the next step's code passes.
		const other = (await createSession(handle.db, userId, { now })).session;
		const again = (code: string) =>
			verifySecondFactor(handle.db, { userId, sessionId: other.id, code, now });
		expect(await again(previousStep)).toEqual({ ok: false });
		expect(await again(currentTotp(secret, seconds(240)))).toEqual({ ok: false });
		expect(await again(currentTotp(secret, now))).toEqual({ ok: true, method: 'totp' });
	});

	it('accepts a recovery code once, in any case and without the dash', async () => {
		const code = codes[0]!;
		const s1 = (await createSession(handle.db, userId, { now: T0 })).session;
		expect(
			await verifySecondFactor(handle.db, {
				userId,
				sessionId: s1.id,
				code: code.replace('-', '').toLowerCase(),
				now: T0
			})
		).toEqual({ ok: true, method: 'recovery_code' });
		const s2 = (await createSession(handle.db, userId, { now: T0 })).session;
		expect(
			await verifySecondFactor(handle.db, { userId, sessionId: s2.id, code, now: T0 })
		).toEqual({ ok: false });
		expect(await remainingRecoveryCodes(handle.db, userId)).toBe(9);
	});

	it('slows down wrong codes from every address, without closing the password step', async () => {
		const { session } = await createSession(handle.db, userId, { now: T0 });
		const code = (address: string, value: string, t: number) =>
			attemptSecondFactor(handle.db, {
				userId,
				email,
				sessionId: session.id,
				code: value,
				address,
				now: new Date(t)
			});
		const password = (address: string, t: number) =>
			attemptLogin(handle.db, {
				email,
				password: PASSWORD,
				address,
				userAgent: null,
				now: new Date(t)
			});

		// Later than the codes the tests above used (a code step counts once).
		let t = T0.getTime() + 3_600_000;
		for (let i = 0; i < 6; i++) {
			t += 31_000;
			expect(await code('10.9.9.9', '000000', t)).toEqual({ ok: false, reason: 'invalid' });
		}
		// Six wrong codes: the next try waits 2 s, from this address …
		expect(await code('10.9.9.9', currentTotp(secret, new Date(t)), t)).toEqual({
			ok: false,
			reason: 'throttled',
			retryAfterSeconds: 2
		});
		// … and from any other: a thief of the password cannot guess codes faster from many.
		expect(await code('10.9.9.10', currentTotp(secret, new Date(t)), t)).toMatchObject({
			ok: false,
			reason: 'throttled'
		});
		// The password step stays open: only someone with the password reaches the codes.
		expect(await password('10.9.9.10', t)).toMatchObject({ ok: true, hasTotp: true });

		// A correct password alone does not wipe the pair's count of wrong codes …
		t += 2_000;
		expect(await password('10.9.9.9', t)).toMatchObject({ ok: true, hasTotp: true });
		const pairCount = async () =>
			(
				await handle.db
					.select()
					.from(loginThrottle)
					.where(eq(loginThrottle.key, pairKey(email, '10.9.9.9').key))
			)[0]?.failures;
		expect(await pairCount()).toBe(6);
		// … the completed login does.
		t += 30_000;
		expect(await code('10.9.9.9', currentTotp(secret, new Date(t)), t)).toEqual({ ok: true });
		expect(await pairCount()).toBeUndefined();
		await handle.db.delete(loginThrottle);
	});

	it('reports hasTotp after a correct password, with a session not yet verified', async () => {
		const login = await attemptLogin(handle.db, {
			email,
			password: PASSWORD,
			address: '10.9.9.11',
			userAgent: null,
			now: T0
		});
		expect(login).toMatchObject({ ok: true, hasTotp: true });
		if (login.ok) expect(login.session.twoFactorVerified).toBe(false);
	});

	it('disables only with the right password and removes the recovery codes', async () => {
		expect(await disableTotp(handle.db, { userId, password: 'wrong-password-123' })).toBe(false);
		expect((await userRow()).totpSecret).toBe(secret);
		expect(await disableTotp(handle.db, { userId, password: PASSWORD })).toBe(true);
		expect((await userRow()).totpSecret).toBeNull();
		expect(await remainingRecoveryCodes(handle.db, userId)).toBe(0);
	});

	it('writes the audit events', async () => {
		const rows = await handle.db.select().from(auditLog).where(eq(auditLog.userId, userId));
		const actions = new Set(rows.map((r) => r.action));
		for (const a of [
			'auth.2fa_enabled',
			'auth.2fa_disabled',
			'auth.2fa_failed',
			'auth.recovery_code_used'
		]) {
			expect(actions).toContain(a);
		}
		expect(rows.some((r) => `${r.before}${r.after}`.includes(secret))).toBe(false);
	});
});

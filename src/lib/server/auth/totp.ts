import { sha256 } from '@oslojs/crypto/sha2';
import {
	decodeBase32IgnorePadding,
	encodeBase32UpperCaseNoPadding,
	encodeHexLowerCase
} from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { recoveryCodes, sessions, users } from '../db/schema';
import type { DbOrTx } from '../db/types';
import { recordAudit } from './audit';
import { verifyPassword } from './password';

/**
 * TOTP second factor (RFC 6238: 30 s steps, 6 digits, SHA-1 as every authenticator app expects).
 * The secret is stored only once the user has proven with a code that their app holds it.
 */
export const TOTP_INTERVAL_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_ISSUER = 'IKZ Scorecard';
export const RECOVERY_CODE_COUNT = 10;
/** Steps either side of the current one that are still accepted (clock drift). */
const WINDOW_STEPS = 1;

export interface TotpEnrolment {
	/** Base32, for manual entry and to hand back on confirmation. */
	secret: string;
	/** otpauth:// URI for authenticator apps. */
	uri: string;
}

/** A fresh 20-byte (160-bit) key, the size RFC 4226 recommends for HMAC-SHA-1. */
export function startEnrolment(accountName: string): TotpEnrolment {
	const key = new Uint8Array(20);
	crypto.getRandomValues(key);
	return {
		secret: encodeBase32UpperCaseNoPadding(key),
		uri: createTOTPKeyURI(TOTP_ISSUER, accountName, key, TOTP_INTERVAL_SECONDS, TOTP_DIGITS)
	};
}

/** The otpauth URI again for a secret already shown (after a wrong confirmation code). */
export function enrolmentFor(secret: string, accountName: string): TotpEnrolment | null {
	const key = decodeSecret(secret);
	if (!key) return null;
	return {
		secret: encodeBase32UpperCaseNoPadding(key),
		uri: createTOTPKeyURI(TOTP_ISSUER, accountName, key, TOTP_INTERVAL_SECONDS, TOTP_DIGITS)
	};
}

function decodeSecret(secret: string): Uint8Array | null {
	try {
		const key = decodeBase32IgnorePadding(secret.replace(/\s+/g, '').toUpperCase());
		return key.length >= 16 ? key : null;
	} catch {
		return null;
	}
}

/** The code of the 30-second step `now` falls in (TOTP is HOTP over the step number). */
export function totpAt(key: Uint8Array, now: Date): string {
	const counter = BigInt(Math.floor(now.getTime() / (TOTP_INTERVAL_SECONDS * 1000)));
	return generateHOTP(key, counter, TOTP_DIGITS);
}

/** For tests and scripts: the current code of a base32 secret. */
export function currentTotp(secret: string, now = new Date()): string {
	const key = decodeSecret(secret);
	if (!key) throw new Error('invalid TOTP secret');
	return totpAt(key, now);
}

function timingSafeEqual(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	let diff = 0;
	for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
	return diff === 0;
}

const stepOf = (date: Date) => Math.floor(date.getTime() / (TOTP_INTERVAL_SECONDS * 1000));

/**
 * The time step whose code matches: the current one or one before or after it (clock drift);
 * null when none does.
 */
export function matchTotpStep(secret: string, code: string, now: Date): number | null {
	const key = decodeSecret(secret);
	const cleaned = code.replace(/\s+/g, '');
	if (!key || !/^\d{6}$/.test(cleaned)) return null;
	let matched: number | null = null;
	for (let offset = -WINDOW_STEPS; offset <= WINDOW_STEPS; offset++) {
		const step = stepOf(now) + offset;
		const at = new Date(step * TOTP_INTERVAL_SECONDS * 1000);
		// No early exit: every candidate is compared, so timing does not tell which step matched.
		if (timingSafeEqual(totpAt(key, at), cleaned)) matched = step;
	}
	return matched;
}

export function verifyTotpCode(secret: string, code: string, now: Date): boolean {
	return matchTotpStep(secret, code, now) !== null;
}

/** 10 base32 characters = 50 bits each, shown as XXXXX-XXXXX. */
function generateRecoveryCode(): string {
	const bytes = new Uint8Array(7);
	crypto.getRandomValues(bytes);
	const raw = encodeBase32UpperCaseNoPadding(bytes).slice(0, 10);
	return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

function normaliseRecoveryCode(code: string): string {
	return code.replace(/[\s-]+/g, '').toUpperCase();
}

export function hashRecoveryCode(code: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(normaliseRecoveryCode(code))));
}

/** Replaces all of the user's recovery codes; returns the new ones in plain text, once. */
async function replaceRecoveryCodes(db: DbOrTx, userId: number): Promise<string[]> {
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
	await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
	await db
		.insert(recoveryCodes)
		.values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })));
	return codes;
}

/**
 * Stores the secret once the code proves the app holds it, marks the current session as having
 * passed the second factor and returns ten recovery codes to show once. Null: wrong code.
 */
export async function confirmEnrolment(
	db: DbOrTx,
	input: { userId: number; sessionId: string; secret: string; code: string; now: Date }
): Promise<string[] | null> {
	const step = matchTotpStep(input.secret, input.code, input.now);
	if (step === null) {
		await recordAudit(db, {
			userId: input.userId,
			action: 'auth.2fa_failed',
			entity: 'user',
			entityId: String(input.userId),
			after: { stage: 'enrolment' }
		});
		return null;
	}
	const secret = input.secret.replace(/\s+/g, '').toUpperCase();
	return db.transaction(async (tx) => {
		await tx
			.update(users)
			.set({ totpSecret: secret, totpLastStep: step })
			.where(eq(users.id, input.userId));
		await tx
			.update(sessions)
			.set({ twoFactorVerified: true })
			.where(eq(sessions.id, input.sessionId));
		const codes = await replaceRecoveryCodes(tx, input.userId);
		await recordAudit(tx, {
			userId: input.userId,
			action: 'auth.2fa_enabled',
			entity: 'user',
			entityId: String(input.userId)
		});
		return codes;
	});
}

export type SecondFactorResult = { ok: true; method: 'totp' | 'recovery_code' } | { ok: false };

/**
 * Checks a TOTP code or, failing that, an unused recovery code (which is then used up), and
 * marks the session as verified. Throttling is the caller's business (same keys as login).
 */
export async function verifySecondFactor(
	db: DbOrTx,
	input: { userId: number; sessionId: string; code: string; now: Date }
): Promise<SecondFactorResult> {
	const [user] = await db
		.select({ totpSecret: users.totpSecret })
		.from(users)
		.where(eq(users.id, input.userId));
	const secret = user?.totpSecret;
	if (!secret) return { ok: false };
	let method: 'totp' | 'recovery_code' | null = null;
	const step = matchTotpStep(secret, input.code, input.now);
	if (step !== null) {
		// A code counts once: only a step later than the last accepted one passes. The update is
		// the check, so two concurrent requests with the same code cannot both succeed.
		const accepted = await db
			.update(users)
			.set({ totpLastStep: step })
			.where(
				and(
					eq(users.id, input.userId),
					or(isNull(users.totpLastStep), lt(users.totpLastStep, step))
				)
			)
			.returning({ id: users.id });
		if (accepted.length > 0) method = 'totp';
	} else if (/^[A-Za-z2-7]{5}[\s-]?[A-Za-z2-7]{5}$/.test(input.code.trim())) {
		// The update is the check: only one concurrent request can mark the code used.
		const used = await db
			.update(recoveryCodes)
			.set({ usedAt: input.now })
			.where(
				and(
					eq(recoveryCodes.userId, input.userId),
					eq(recoveryCodes.codeHash, hashRecoveryCode(input.code)),
					isNull(recoveryCodes.usedAt)
				)
			)
			.returning({ id: recoveryCodes.id });
		if (used.length > 0) method = 'recovery_code';
	}
	if (!method) {
		await recordAudit(db, {
			userId: input.userId,
			action: 'auth.2fa_failed',
			entity: 'session'
		});
		return { ok: false };
	}
	await db
		.update(sessions)
		.set({ twoFactorVerified: true })
		.where(and(eq(sessions.id, input.sessionId), eq(sessions.userId, input.userId)));
	if (method === 'recovery_code') {
		await recordAudit(db, {
			userId: input.userId,
			action: 'auth.recovery_code_used',
			entity: 'session'
		});
	}
	return { ok: true, method };
}

/**
 * The account's e-mail and whether a second factor is on, read from the database rather than
 * `locals`: right after enrolment the request's locals are stale. Null: no such user.
 */
export async function secondFactorStatus(
	db: DbOrTx,
	userId: number
): Promise<{ email: string; enabled: boolean } | null> {
	const [row] = await db
		.select({ email: users.email, totpSecret: users.totpSecret })
		.from(users)
		.where(eq(users.id, userId));
	return row ? { email: row.email, enabled: row.totpSecret !== null } : null;
}

/** How many unused recovery codes the user has left. */
export async function remainingRecoveryCodes(db: DbOrTx, userId: number): Promise<number> {
	const rows = await db
		.select({ id: recoveryCodes.id })
		.from(recoveryCodes)
		.where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
	return rows.length;
}

/** Turns the second factor off after re-checking the password. False: wrong password. */
export async function disableTotp(
	db: DbOrTx,
	input: { userId: number; password: string }
): Promise<boolean> {
	const [user] = await db
		.select({ passwordHash: users.passwordHash })
		.from(users)
		.where(eq(users.id, input.userId));
	if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.password))) {
		return false;
	}
	await db.transaction(async (tx) => {
		await tx
			.update(users)
			.set({ totpSecret: null, totpLastStep: null })
			.where(eq(users.id, input.userId));
		await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, input.userId));
		await recordAudit(tx, {
			userId: input.userId,
			action: 'auth.2fa_disabled',
			entity: 'user',
			entityId: String(input.userId)
		});
	});
	return true;
}
